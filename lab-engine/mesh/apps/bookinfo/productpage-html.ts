// The /productpage HTML: our own compact markup with the real page's structure and the strings learners grep for.
//
// From productpage.html: the title "Simple Bookstore App", the signed-in user or
// a "Sign in" button, the book title and description, the "Book Details" table
// (ISBN-10, Publisher, Pages, Type, Language), "Book Reviews" with one section per
// reviewer whose stars carry `text-<color>-500` (black for reviews-v2, red for
// v3) and "Reviews served by: <pod>", and the error blocks "Error fetching
// product details" / "Error fetching product reviews" followed by the error text.

export interface Product { id: number; title: string; descriptionHtml: string }

export interface PageModel {
  user: string
  product: Product
  detailsStatus: number
  details: Record<string, unknown>
  reviewsStatus: number
  reviews: Record<string, unknown>
}

/** Jinja's autoescape (markupsafe): & < > " ' become entities. */
export function escapeHtml(v: unknown): string {
  return String(v ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;')
}

const FULL_STAR = '<svg class="h-5 w-5 flex-none" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true"><path fill-rule="evenodd" d="M10 1.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L10 14.9l-5.2 2.7 1-5.8L1.5 7.7l5.9-.9z" clip-rule="evenodd" /></svg>'
const EMPTY_STAR = '<svg class="h-5 w-5 flex-none" viewBox="0 0 20 20" fill="none" stroke="currentColor" stroke-width="1.5" aria-hidden="true"><path d="M10 1.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L10 14.9l-5.2 2.7 1-5.8L1.5 7.7l5.9-.9z" /></svg>'

function nav(user: string): string {
  const right = user
    ? `      <div class="flex items-center">\n        <p class="text-base font-medium text-gray-50">${escapeHtml(user)}</p>\n        <a href="logout" class="text-xs font-medium text-gray-400">Sign out</a>\n      </div>`
    : '      <button type="button" id="sign-in-button" class="rounded-md bg-blue-600 px-3 py-2 text-sm text-white">Sign in</button>'
  return `<nav class="bg-gray-800">\n  <div class="container mx-auto flex h-16 items-center justify-between px-4">\n    <a href="#" class="text-white text-lg font-medium" aria-current="page">BookInfo Sample</a>\n${right}\n  </div>\n</nav>`
}

const SIGN_IN_DIALOG = `<dialog id="dialog" class="border rounded-md shadow-xl">
  <h2 class="text-2xl font-bold">Sign in to BookInfo</h2>
  <form method="post" action='login' name="login_form">
    <label for="username">Username</label> <input id="username" name="username" required>
    <label for="password">Password</label> <input id="password" name="passwd" type="password" required>
    <button type="submit">Sign in</button>
  </form>
</dialog>`

function detailsBlock(m: PageModel): string {
  if (m.detailsStatus !== 200) {
    const err = m.details.error !== undefined ? `\n  <p class="text-lg text-gray-600">${escapeHtml(m.details.error)}</p>` : ''
    return `  <p class="text-2xl text-red-500">Error fetching product details</p>${err}`
  }
  const d = m.details
  const cells = [d['ISBN-10'], d.publisher, d.pages, d.type, d.language].map((v) => `<td>${escapeHtml(v)}</td>`).join('')
  return `  <h4 class="text-3xl font-semibold">Book Details</h4>
  <table class="min-w-full divide-y divide-gray-300">
    <thead><tr><th>ISBN-10</th><th>Publisher</th><th>Pages</th><th>Type</th><th>Language</th></tr></thead>
    <tbody><tr>${cells}</tr></tbody>
  </table>`
}

interface Review { reviewer?: unknown; text?: unknown; rating?: { stars?: unknown; color?: unknown; error?: unknown } }

function ratingBlock(r: Review): string {
  const stars = typeof r.rating?.stars === 'number' ? Math.max(0, Math.min(5, Math.trunc(r.rating.stars))) : 0
  if (r.rating && stars > 0) {
    const svgs = FULL_STAR.repeat(stars) + EMPTY_STAR.repeat(5 - stars)
    return `\n      <div class="flex gap-x-1 text-${escapeHtml(r.rating.color)}-500">${svgs}</div>`
  }
  if (r.rating?.error) return `\n      <p class="text-red-500">${escapeHtml(r.rating.error)}</p>`
  return ''
}

function reviewsBlock(m: PageModel): string {
  if (m.reviewsStatus !== 200) {
    const err = m.reviews.error !== undefined ? `\n  <p class="text-lg text-gray-600">${escapeHtml(m.reviews.error)}</p>` : ''
    return `  <p class="text-2xl text-red-500">Error fetching product reviews</p>${err}`
  }
  const list = Array.isArray(m.reviews.reviews) ? (m.reviews.reviews as Review[]) : []
  const cluster = m.reviews.clustername !== 'null' && m.reviews.clustername !== undefined ? ` on cluster <div>${escapeHtml(m.reviews.clustername)}</div>` : ''
  const sections = list.map((r) => `    <section class="px-6 py-8">${ratingBlock(r)}
      <blockquote class="mt-10 text-xl font-semibold"><p>"${escapeHtml(r.text)}"</p></blockquote>
      <div class="font-semibold text-gray-900">${escapeHtml(r.reviewer)}</div>
      <div class="text-gray-600 font-mono">Reviews served by: ${escapeHtml(m.reviews.podname)}${cluster}</div>
    </section>`)
  return `  <h4 class="text-3xl font-semibold">Book Reviews</h4>\n  <div class="flex flex-col md:flex-row">\n${sections.join('\n')}\n  </div>`
}

/** Rendered pages by (user, statuses) then by the details and reviews objects (memoized parses keep them identical). */
const pageMemo = new Map<string, WeakMap<object, WeakMap<object, string>>>()
/** Distinct (user, status) keys the memo keeps before starting over. */
export const PAGE_MEMO_KEYS = 64

/** The whole page; the same inputs render once (the page is a pure function of them). */
export function renderProductPage(m: PageModel): string {
  const key = `${m.user}\u0000${m.detailsStatus}\u0000${m.reviewsStatus}\u0000${m.product.id}`
  let byDetails = pageMemo.get(key)
  if (!byDetails) {
    if (pageMemo.size >= PAGE_MEMO_KEYS) pageMemo.clear()
    pageMemo.set(key, (byDetails = new WeakMap()))
  }
  let byReviews = byDetails.get(m.details)
  if (!byReviews) byDetails.set(m.details, (byReviews = new WeakMap()))
  let html = byReviews.get(m.reviews)
  if (html === undefined) byReviews.set(m.reviews, (html = renderPage(m)))
  return html
}

function renderPage(m: PageModel): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Simple Bookstore App</title>
</head>
<body>
${nav(m.user)}
${SIGN_IN_DIALOG}
<div class="container mt-8 mx-auto px-4">
  <h1 class="text-5xl font-bold tracking-tight text-blue-900">${escapeHtml(m.product.title)}</h1>
  <p class="mt-6 text-xl leading-8 text-gray-600">${m.product.descriptionHtml}</p>
</div>
<div class="container mt-8 mx-auto px-4">
${detailsBlock(m)}
</div>
<div class="bg-blue-600/5 py-12 mx-auto">
${reviewsBlock(m)}
</div>
</body>
</html>
`
}

/** The index page (`/`): the service tree productpage.py renders with json2html, and links into the app. */
export function renderIndexPage(): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Simple Bookstore App</title>
</head>
<body>
<h3>Hello! This is a simple bookstore application consisting of three services as shown below</h3>
<table class="table table-condensed table-bordered table-hover">
<tr><th>name</th><td>http://details:9080</td></tr>
<tr><th>endpoint</th><td>details</td></tr>
<tr><th>children</th><td><table class="table table-condensed table-bordered table-hover">
<tr><th>name</th><th>endpoint</th><th>children</th></tr>
<tr><td>http://details:9080</td><td>details</td><td></td></tr>
<tr><td>http://reviews:9080</td><td>reviews</td><td>http://ratings:9080 (ratings)</td></tr>
</table></td></tr>
</table>
<p><h4>Click on one of the links below to auto generate a request to the backend as a real user or a tester</h4></p>
<p><a href="/productpage?u=normal">Normal user</a></p>
<p><a href="/productpage?u=test">Test user</a></p>
</body>
</html>
`
}
