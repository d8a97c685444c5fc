// /ws/ping: an authenticated echo that proves the WebSocket path end to end.
import type { ChannelHandler } from './websockets'

export const pingChannel: ChannelHandler = (socket, principal) => {
  socket.send(JSON.stringify({ type: 'hello', userId: principal.userId, role: principal.role }))
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }))
}
