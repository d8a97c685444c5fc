import { describe, expect, it } from 'vitest'
import { productpageForwardHeaders, reviewsForwardHeaders } from './forward-headers'

describe('Bookinfo header propagation', () => {
  it('finds wanted headers whatever their case, keeps the first value, and skips the rest', () => {
    const incoming: [string, string][] = [
      ['X-Request-Id', 'abc'], ['x-request-id', 'second'], ['X-B3-TraceId', 't1'], ['content-type', 'text/plain'], ['End-User', 'jason'], ['cookie', 'c=1'],
    ]
    expect(reviewsForwardHeaders(incoming)).toEqual([['x-request-id', 'abc'], ['x-b3-traceid', 't1'], ['end-user', 'jason'], ['cookie', 'c=1']])
    expect(productpageForwardHeaders(incoming, 'jason')).toEqual([['x-b3-traceid', 't1'], ['end-user', 'jason'], ['x-request-id', 'abc'], ['cookie', 'c=1']])
  })
})
