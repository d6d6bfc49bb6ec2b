import assert from "node:assert/strict";
import {
  Hub,
  type HubBus,
  type HubOptions,
  type LiveClient,
  type LiveSocket,
  mayReceive,
} from "./hub.ts";
import type { InvalidationEvent } from "./event.ts";
import type { ResyncSignal } from "./bus.ts";
import { EventHistory, type HistoryFilter } from "./_event_history.ts";
import type { ServerFrame } from "../model/frames.ts";

const ACME = "0b7e7dc0-8f4e-4c55-9d0a-6d8b7b0a4e11";
const GLOBEX = "1c8f8ed1-9f5f-4d66-8e1b-7e9c8c1b5f22";
const ADA = "9a1d4a8e-6a55-4c2b-8f0e-2f1f3a4b5c6d";
const GRACE = "8b2e5b9f-7b66-4d3c-9f1f-3f2f4b5c6d7e";
const HANK = "7c3f6c0a-8c77-4e4d-8a2a-4a3a5c6d7e8f";
const PROJECT = "5c0f3a36-21f5-4d1e-9a53-0c6f5b7d2e10";

const ada: LiveClient = { userId: ADA, tenantId: ACME, sessionHash: "s-ada" };
const grace: LiveClient = { userId: GRACE, tenantId: ACME, sessionHash: "s-grace" };
const hank: LiveClient = { userId: HANK, tenantId: GLOBEX, sessionHash: "s-hank" };

/** A bus the test drives by hand. */
class FakeBus implements HubBus {
  lastSeq = 0;
  #history = new EventHistory(100, 0);
  #listeners = new Set<(event: InvalidationEvent) => void>();
  #resyncs = new Set<(signal: ResyncSignal) => void>();

  subscribe(listener: (event: InvalidationEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onResync(listener: (signal: ResyncSignal) => void): () => void {
    this.#resyncs.add(listener);
    return () => this.#resyncs.delete(listener);
  }

  replaySince(seq: number, options?: HistoryFilter): InvalidationEvent[] | "resync" {
    return this.#history.since(seq, options);
  }

  emit(topic: string, tenant: string | null, version = 1): InvalidationEvent {
    const event = { seq: ++this.lastSeq, tenant, topic, version, at: 0 };
    this.#history.add(event);
    for (const listener of this.#listeners) listener(event);
    return event;
  }

  resync(): void {
    this.#history.raiseFloor(this.lastSeq);
    for (const listener of this.#resyncs) listener({ reason: "pruned", lastSeq: this.lastSeq });
  }

  get listeners(): number {
    return this.#listeners.size + this.#resyncs.size;
  }
}

/** A socket that records what it was sent. */
class FakeSocket extends EventTarget implements LiveSocket {
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  closed?: { code?: number; reason?: string };

  send(data: string): void {
    if (this.readyState !== 1) throw new DOMException("Closed", "InvalidStateError");
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closed = { code, reason };
    this.readyState = 3;
    this.dispatchEvent(new CloseEvent("close", { code: code ?? 1005, reason }));
  }

  receive(data: unknown): void {
    this.dispatchEvent(new MessageEvent("message", { data }));
  }

  frames(): ServerFrame[] {
    return this.sent.map((text) => JSON.parse(text));
  }

  topics(): string[] {
    return this.frames().flatMap((frame) => frame.type === "event" ? [frame.topic] : []);
  }
}

function setup(options: HubOptions = {}) {
  const bus = new FakeBus();
  const hub = new Hub(bus, { helloTimeoutMs: 60_000, ...options });
  function connect(client: LiveClient, lastSeq: number | null = bus.lastSeq): FakeSocket {
    const socket = new FakeSocket();
    hub.accept(socket, client);
    if (lastSeq !== null) socket.receive(JSON.stringify({ type: "hello", lastSeq }));
    return socket;
  }
  return { bus, hub, connect, [Symbol.dispose]: () => hub.close() };
}

Deno.test("mayReceive() lets tenant topics through only within the tenant", () => {
  const event = (topic: string, tenant: string | null) => ({
    seq: 1,
    tenant,
    topic,
    version: 1,
    at: 0,
  });
  for (const kind of ["project", "projects", "members", "tenant", "flags"]) {
    const id = kind === "project" ? PROJECT : ACME;
    assert.equal(mayReceive(ada, event(`${kind}:${id}`, ACME)), true, kind);
    assert.equal(mayReceive(hank, event(`${kind}:${id}`, ACME)), false, kind);
    assert.equal(mayReceive(ada, event(`${kind}:${id}`, null)), false, kind);
  }
  assert.equal(mayReceive(hank, event("flags:*", null)), true);
  assert.equal(mayReceive(ada, event(`user:${ADA}`, null)), true);
  assert.equal(mayReceive(grace, event(`user:${ADA}`, null)), false);
  assert.equal(mayReceive(ada, event("session:s-ada", ACME)), false);
  assert.equal(mayReceive(ada, event("mystery:thing", ACME)), false);
});

Deno.test("Hub pushes an event to the tenant's sockets that said hello, and to no one else", () => {
  using t = setup();
  const adaSocket = t.connect(ada);
  const silent = t.connect(grace, null);
  const hankSocket = t.connect(hank);
  const event = t.bus.emit(`project:${PROJECT}`, ACME, 4);
  assert.deepEqual(adaSocket.frames().at(-1), {
    type: "event",
    seq: event.seq,
    topic: `project:${PROJECT}`,
    version: 4,
  });
  assert.deepEqual(silent.sent, []);
  assert.deepEqual(hankSocket.topics(), []);
  assert.equal(t.hub.stats().eventsPushed, 1);
});

Deno.test("Hub sends user topics only to that user and global flags to everyone", () => {
  using t = setup();
  const adaSocket = t.connect(ada);
  const graceSocket = t.connect(grace);
  const hankSocket = t.connect(hank);
  t.bus.emit(`user:${ADA}`, null);
  t.bus.emit("flags:*", null);
  t.bus.emit(`flags:${GLOBEX}`, GLOBEX);
  assert.deepEqual(adaSocket.topics(), [`user:${ADA}`, "flags:*"]);
  assert.deepEqual(graceSocket.topics(), ["flags:*"]);
  assert.deepEqual(hankSocket.topics(), ["flags:*", `flags:${GLOBEX}`]);
});

Deno.test("Hub never sends session topics and closes the session's sockets with 4001", async () => {
  using t = setup();
  const first = t.connect(ada);
  const second = t.connect(ada);
  const graceSocket = t.connect(grace);
  t.bus.emit("session:s-ada", ACME);
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(first.closed, { code: 4001, reason: "Session ended" });
  assert.deepEqual(second.closed, { code: 4001, reason: "Session ended" });
  assert.equal(graceSocket.closed, undefined);
  assert.deepEqual([...first.topics(), ...graceSocket.topics()], []);
  assert.equal(t.hub.stats().closes.signed_out, 2);
  assert.equal(t.hub.stats().clients, 1);
});

Deno.test("Hub keeps a socket whose session is still valid after its session event", async () => {
  using t = setup({ sessionAlive: () => Promise.resolve(true) });
  const socket = t.connect(ada);
  t.bus.emit("session:s-ada", ACME);
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(socket.closed, undefined);
  assert.deepEqual(socket.topics(), []);
});

Deno.test("Hub closes the sockets of a session that no longer loads after its user changed", async () => {
  using t = setup({ sessionAlive: (hash) => hash !== "s-grace" });
  const adaSocket = t.connect(ada);
  const graceSocket = t.connect(grace);
  t.bus.emit(`user:${GRACE}`, null);
  t.bus.emit(`user:${ADA}`, null);
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(graceSocket.topics(), [`user:${GRACE}`]);
  assert.deepEqual(graceSocket.closed, { code: 4001, reason: "Session ended" });
  assert.equal(adaSocket.closed, undefined);
});

Deno.test("Hub closes the sockets when checking their session fails", async () => {
  using t = setup({ sessionAlive: () => Promise.reject(new Error("Database gone")) });
  const socket = t.connect(ada);
  t.bus.emit("session:s-ada", ACME);
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(socket.closed?.code, 4001);
});

Deno.test("Hub answers hello with the missed events the user may see, then ready", () => {
  using t = setup();
  t.bus.emit("flags:*", null);
  const seen = t.bus.lastSeq;
  const own = t.bus.emit(`project:${PROJECT}`, ACME, 2);
  t.bus.emit(`project:${crypto.randomUUID()}`, GLOBEX);
  t.bus.emit("session:s-ada", ACME);
  t.bus.emit(`user:${GRACE}`, null);
  const mine = t.bus.emit(`user:${ADA}`, null, 3);
  const socket = t.connect(ada, seen);
  assert.deepEqual(socket.frames(), [
    { type: "event", seq: own.seq, topic: own.topic, version: 2 },
    { type: "event", seq: mine.seq, topic: mine.topic, version: 3 },
    { type: "ready", lastSeq: t.bus.lastSeq },
  ]);
  assert.equal(t.hub.stats().eventsReplayed, 2);
});

Deno.test("Hub answers hello with resync when the events are gone or the client is ahead", () => {
  using t = setup();
  t.bus.emit("flags:*", null);
  t.bus.resync();
  t.bus.emit("flags:*", null, 2);
  assert.deepEqual(t.connect(ada, 0).frames(), [{ type: "resync", lastSeq: 2 }]);
  assert.deepEqual(t.connect(ada, 99).frames(), [{ type: "resync", lastSeq: 2 }]);
  const live = t.connect(ada, 0);
  t.bus.emit("flags:*", null, 3);
  assert.deepEqual(live.topics(), ["flags:*"]);
});

Deno.test("Hub sends resync to every socket when the bus resyncs", () => {
  using t = setup();
  const a = t.connect(ada);
  const h = t.connect(hank);
  t.bus.emit("flags:*", null);
  t.bus.resync();
  assert.deepEqual(a.frames().at(-1), { type: "resync", lastSeq: 1 });
  assert.deepEqual(h.frames().at(-1), { type: "resync", lastSeq: 1 });
});

Deno.test("Hub answers ping with pong", () => {
  using t = setup();
  const socket = t.connect(ada, null);
  socket.receive('{"type":"ping"}');
  assert.deepEqual(socket.frames(), [{ type: "pong" }]);
});

Deno.test("Hub closes a socket that breaks the protocol with 1008, or 1009 for a big frame", () => {
  using t = setup();
  const cases: [unknown, number, string][] = [
    ["nonsense", 1008, "protocol"],
    ['{"type":"subscribe"}', 1008, "protocol"],
    [new Uint8Array([1, 2]), 1008, "protocol"],
    ["x".repeat(64 * 1024), 1009, "too_big"],
  ];
  for (const [data, code] of cases) {
    const socket = t.connect(ada, null);
    socket.receive(data);
    assert.equal(socket.closed?.code, code);
  }
  const twice = t.connect(ada);
  twice.receive('{"type":"hello","lastSeq":0}');
  assert.equal(twice.closed?.code, 1008);
  const stats = t.hub.stats();
  assert.equal(stats.closes.protocol, 4);
  assert.equal(stats.closes.too_big, 1);
  assert.equal(stats.clients, 0);
});

Deno.test("Hub closes a socket that sends more than 20 frames in a second", () => {
  let now = 0;
  using t = setup({ now: () => now });
  const calm = t.connect(ada, null);
  for (let second = 0; second < 3; second++) {
    now = second * 1000;
    for (let i = 0; i < 20; i++) calm.receive('{"type":"ping"}');
  }
  assert.equal(calm.closed, undefined);
  const flood = t.connect(grace, null);
  for (let i = 0; i < 21; i++) flood.receive('{"type":"ping"}');
  assert.deepEqual(flood.closed, { code: 1008, reason: "Too many frames" });
  assert.equal(flood.sent.length, 20);
  assert.equal(t.hub.stats().closes.flood, 1);
});

Deno.test("Hub sends a slow reader resync and closes it instead of buffering more", () => {
  using t = setup({ maxBufferedBytes: 1000 });
  const slow = t.connect(ada);
  const fast = t.connect(grace);
  slow.bufferedAmount = 1001;
  t.bus.emit(`project:${PROJECT}`, ACME, 7);
  assert.deepEqual(slow.frames(), [{ type: "ready", lastSeq: 0 }, { type: "resync", lastSeq: 1 }]);
  assert.equal(slow.closed?.code, 1013);
  assert.deepEqual(fast.topics(), [`project:${PROJECT}`]);
  t.bus.emit(`project:${PROJECT}`, ACME, 8);
  assert.equal(slow.sent.length, 2);
  assert.equal(t.hub.stats().closes.slow, 1);
});

Deno.test("Hub closes a socket that does not say hello in time", async () => {
  using t = setup({ helloTimeoutMs: 10 });
  const socket = t.connect(ada, null);
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.deepEqual(socket.closed, { code: 1008, reason: "Expected hello" });
  assert.equal(t.hub.stats().closes.hello_timeout, 1);
});

Deno.test("Hub counts sockets the client closed or that went dead", () => {
  using t = setup();
  t.connect(ada).dispatchEvent(new CloseEvent("close", { code: 1000 }));
  t.connect(ada).dispatchEvent(new CloseEvent("close", { code: 1006 }));
  t.connect(ada).dispatchEvent(
    new CloseEvent("close", { code: 1001, reason: "No response from ping frame." }),
  );
  const stats = t.hub.stats();
  assert.equal(stats.closes.client, 1);
  assert.equal(stats.closes.dead, 2);
  assert.equal(stats.accepted, 3);
  assert.equal(stats.clients, 0);
});

Deno.test("Hub counts a real socket that stops answering pings as dead", async () => {
  using t = setup();
  // Deno pings an idle socket and closes it when no pong comes within `idleTimeout`.
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, (request) => {
    const { socket, response } = Deno.upgradeWebSocket(request, { idleTimeout: 1 });
    t.hub.accept(socket, ada);
    return response;
  });
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: server.addr.port });
  try {
    const handshake = "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    await conn.write(new TextEncoder().encode(handshake));
    const buffer = new Uint8Array(1024);
    const n = await conn.read(buffer);
    assert.match(new TextDecoder().decode(buffer.subarray(0, n ?? 0)), /^HTTP\/1.1 101/);
    // This peer reads nothing and answers no ping.
    const deadline = Date.now() + 5000;
    while (t.hub.stats().closes.dead === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(t.hub.stats().closes.dead, 1);
    assert.equal(t.hub.stats().clients, 0);
  } finally {
    conn.close();
    await server.shutdown();
  }
});

Deno.test("Hub.close() closes every socket with 1001 and leaves the bus", () => {
  const t = setup();
  const a = t.connect(ada);
  const b = t.connect(hank, null);
  t.hub.close();
  assert.equal(a.closed?.code, 1001);
  assert.equal(b.closed?.code, 1001);
  assert.equal(t.bus.listeners, 0);
  const late = new FakeSocket();
  t.hub.accept(late, ada);
  assert.equal(late.closed?.code, 1001);
  assert.equal(t.hub.stats().closes.shutdown, 2);
});

Deno.test("Hub closes a socket with 4001 when its session expires", async () => {
  using t = setup();
  const expiring = t.connect({ ...ada, expiresAt: Date.now() + 30 });
  const lasting = t.connect({ ...grace, expiresAt: Date.now() + 60_000 });
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(expiring.closed, { code: 4001, reason: "Session expired" });
  assert.equal(lasting.closed, undefined);
  t.bus.emit(`project:p`, ACME);
  assert.deepEqual(expiring.topics(), []);
  assert.equal(t.hub.stats().closes.signed_out, 1);
  lasting.close();
});

Deno.test("a session holds at most maxPerSession sockets; more are refused with 4029", () => {
  using h = setup({ maxPerSession: 3 });
  const sockets = [0, 1, 2].map(() => h.connect(ada));
  assert.ok(sockets.every((socket) => socket.closed === undefined));
  const extra = h.connect(ada);
  assert.equal(extra.closed?.code, 4029);
  assert.match(extra.closed?.reason ?? "", /At most 3 live connections per session/);
  assert.equal(h.connect(grace).closed, undefined, "another session is not affected");
  sockets[0].close(1000, "tab closed");
  assert.equal(h.connect(ada).closed, undefined, "a freed place is taken again");
  const stats = h.hub.stats();
  assert.equal(stats.closes.too_many, 1);
  assert.equal(stats.clients, 4);
});

Deno.test("a client address holds at most maxPerAddress sockets, whoever signs in", () => {
  using h = setup({ maxPerAddress: 2 });
  assert.equal(h.connect({ ...ada, address: "203.0.113.9" }).closed, undefined);
  assert.equal(h.connect({ ...grace, address: "203.0.113.9" }).closed, undefined);
  assert.equal(h.connect({ ...hank, address: "203.0.113.9" }).closed?.code, 4029);
  assert.equal(h.connect({ ...hank, address: "198.51.100.1" }).closed, undefined);
  assert.equal(h.connect(hank).closed, undefined, "an unknown address is not counted");
});

Deno.test("a refused socket still connecting is closed once it opens", () => {
  using h = setup({ maxPerSession: 1 });
  h.connect(ada);
  const opening = new FakeSocket();
  opening.readyState = 0;
  h.hub.accept(opening, ada);
  assert.equal(opening.closed, undefined, "not before it is open");
  opening.readyState = 1;
  opening.dispatchEvent(new Event("open"));
  const closed = opening.closed as { code?: number } | undefined;
  assert.equal(closed?.code, 4029);
});
