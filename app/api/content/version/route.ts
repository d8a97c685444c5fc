// GET /api/content/version: the newest modification time of the module files, which the preview polls to reload while authoring (staff who preview content).
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { contentVersion } from '@/lib/content/course'

export const GET = withRole(async () => Response.json({ version: contentVersion() }, { headers: { 'cache-control': 'no-store' } }), { roles: rolesWith('content:preview') })
