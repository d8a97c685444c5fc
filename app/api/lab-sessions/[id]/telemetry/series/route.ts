// GET /api/lab-sessions/:id/telemetry/series?service=&window=: request rate, 5xx share and p50/p90/p99 per destination service over time (owner, or staff watching).
import { withRole } from '@/lib/api/with-role'
import { ROLES } from '@/lib/auth/roles'
import { cachedPerDriver } from '../series-cache'
import { driverNow, loadSeries, rangeFor } from '../series-queries'
import { queryOf, seriesQuery, telemetryDriver, windowSpan } from '../telemetry-input'

export const GET = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const query = seriesQuery.parse(queryOf(req))
    const { stored, driver } = await telemetryDriver(user, params.id, 'queryMetricRange')
    // The range is on the driver's clock (sim session time); only the session's age comes from the wall clock.
    const range = rangeFor(await driverNow(driver), windowSpan(query.window, Date.now() - stored.createdAt))
    const key = `${range.startMs}/${range.endMs}/${range.stepMs}/${query.service ?? ''}`
    const { services, series } = await cachedPerDriver(driver, key, () => loadSeries(driver, range, query.service))
    return Response.json({ window: query.window, ...range, services, series })
  },
  { roles: ROLES },
)
