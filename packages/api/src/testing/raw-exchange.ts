import { connect, type Socket } from "node:net";

/**
 * Writes a request head on a raw socket, then whatever `write` sends (a part of a body, a trickle), and
 * resolves with the first response's status line and the time it took: for tests of what the server
 * answers before a body has arrived.
 */
export function rawExchange(port: number, head: string, write: (socket: Socket) => void): Promise<{ statusLine: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(head);
      write(socket);
    });
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      const line = received.split("\r\n")[0];
      if (line && received.includes("\r\n")) {
        resolve({ statusLine: line, ms: Date.now() - started });
        socket.destroy();
      }
    });
    socket.on("error", reject);
  });
}
