// The workbench editor's files: GET ?path= reads one (owner, or staff watching); PUT {path, text} saves it, completing a
// waiting `kubectl edit` of that path; DELETE ?path= closes it unsaved, cancelling that edit (owner).
import { readJson } from '@/lib/api/read-json'
import { withRole } from '@/lib/api/with-role'
import { ROLES, rolesWith } from '@/lib/auth/roles'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabSessions } from '@/lib/lab-sessions/engine'
import { asDriverErrors, checkTextSize, fileQuery, MAX_FILE_BODY_BYTES, saveFileInput, searchParamsOf } from './file-input'

const noStore = { 'cache-control': 'no-store' }

async function driverOf(id: string) {
  return asApiErrors(() => getLabSessions().driverFor(id))
}

export const GET = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'watch')
    const { path } = fileQuery.parse(searchParamsOf(req))
    const driver = await driverOf(stored.id)
    const text = await asDriverErrors(() => driver.readFile(path))
    return Response.json({ path, text }, { headers: noStore })
  },
  { roles: ROLES },
)

export const PUT = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'own')
    const { path, text } = await readJson(req, saveFileInput, MAX_FILE_BODY_BYTES)
    checkTextSize(text)
    const driver = await driverOf(stored.id)
    await asDriverErrors(() => driver.writeFile(path, text))
    await getLabSessions().markActive(stored.id)
    return Response.json({ path, saved: true })
  },
  { roles: rolesWith('labs:use') },
)

export const DELETE = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'own')
    const { path } = fileQuery.parse(searchParamsOf(req))
    const driver = await driverOf(stored.id)
    await asDriverErrors(async () => driver.discardEdit?.(path))
    return Response.json({ path, discarded: true })
  },
  { roles: rolesWith('labs:use') },
)
