// Hostile calls to /hubs/agent through the official SignalR JavaScript client, each next to an honest agent that
// must keep being served. Usage: node fuzz.mjs HUB_URL HOSTILE_CREDENTIAL HONEST_CREDENTIAL CHECK_ID
// Prints one JSON object: { cases: [{ name, outcome, detail }], honest: [result ids the honest agent had acked] }.
// Every call is bounded; a case that gets no answer in time is reported as "timeout".
import * as signalR from "@microsoft/signalr";
import { randomUUID } from "node:crypto";

const [hubArgument, hostileCredential, honestCredential, checkIdText] = process.argv.slice(2);
// The client takes the hub's http(s) URL and switches to ws(s) itself.
const hubUrl = hubArgument.replace(/^ws/, "http");
const checkId = Number(checkIdText);
const CallTimeoutMs = 10_000;

function connect(credential) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(hubUrl, {
      transport: signalR.HttpTransportType.WebSockets,
      skipNegotiation: true,
      accessTokenFactory: () => credential,
    })
    .configureLogging(signalR.LogLevel.None)
    .build();
  // The hub's keep-alive contract: 5 s pings, 15 s timeout.
  connection.keepAliveIntervalInMilliseconds = 5_000;
  connection.serverTimeoutInMilliseconds = 15_000;
  return connection;
}

function bounded(promise, ms = CallTimeoutMs) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("timeout")), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function result(overrides = {}) {
  return {
    id: randomUUID(),
    checkId,
    startedAt: new Date(Date.now() - 1000).toISOString(),
    outcome: { kind: "tcp", target: "fuzz.lan:80", status: "up", verdict: "ok", attempts: [] },
    ...overrides,
  };
}

function nested(depth) {
  let value = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

// Each case gets a fresh hostile connection; what it does is the attack.
const cases = [
  ["unknown method", c => c.invoke("DropEverything")],
  ["results as a string", c => c.invoke("SubmitResults", "all of them")],
  ["results as numbers", c => c.invoke("SubmitResults", [1, 2, 3])],
  ["a result with a bad id", c => c.invoke("SubmitResults", [{ id: "nope", checkId }])],
  ["a result with a huge check id", c => c.invoke("SubmitResults", [result({ checkId: 1e309 })])],
  ["a result with a status outside the contract", c => c.invoke("SubmitResults", [result({ outcome: { kind: "tcp", target: "x", status: "exploded", verdict: "ok", attempts: [] } })])],
  ["a result for a check that is not the agent's", c => c.invoke("SubmitResults", [result({ checkId: checkId + 100000 })])],
  ["a result from the far future", c => c.invoke("SubmitResults", [result({ startedAt: "2999-01-01T00:00:00Z" })])],
  ["a result with a negative timing", c => c.invoke("SubmitResults", [result({ outcome: { kind: "tcp", target: "x", status: "up", verdict: "ok", attempts: [{ family: "ipv4", status: "up", verdict: "ok", phases: { connect: -1 } }] } })])],
  ["many nulls", c => c.invoke("SubmitResults", new Array(6000).fill(null))],
  ["events as an object", c => c.invoke("SubmitEvents", { kind: "address_added" })],
  ["an event with a bad time", c => c.invoke("SubmitEvents", [{ id: randomUUID(), at: "yesterday", kind: "address_added" }])],
  ["hello as an array", c => c.invoke("Hello", ["1.0"])],
  ["too many arguments", c => c.invoke("SubmitResults", [], [], [])],
  ["a stream of a plain method", c => new Promise((resolve, reject) => c.stream("SubmitResults", []).subscribe({ next: () => {}, complete: resolve, error: reject }))],
  ["deeply nested arguments", c => c.invoke("SubmitResults", nested(2000))],
  ["an oversized message", c => c.invoke("SubmitResults", ["x".repeat(5 * 1024 * 1024)])],
  ["fire and forget garbage", async c => { await c.send("SubmitResults", { not: "a list" }); await new Promise(r => setTimeout(r, 500)); return c.state; }],
];

const honest = connect(honestCredential);
await bounded(honest.start());
const honestAcked = [];
const report = [];

for (const [name, attack] of cases) {
  const hostile = connect(hostileCredential);
  let closed = false;
  hostile.onclose(() => { closed = true; });
  let outcome;
  let detail = "";
  try {
    await bounded(hostile.start());
    const value = await bounded(attack(hostile));
    outcome = "ok";
    detail = JSON.stringify(value ?? null).slice(0, 300);
  } catch (error) {
    const message = String(error?.message ?? error);
    outcome = message === "timeout" ? "timeout" : closed || hostile.state !== signalR.HubConnectionState.Connected ? "closed" : "error";
    detail = message.slice(0, 300);
  }
  try {
    await bounded(hostile.stop(), 5_000);
  } catch {
    // already gone
  }
  // The honest agent is served right after every attack.
  const honestResult = result();
  try {
    const ack = await bounded(honest.invoke("SubmitResults", [honestResult]));
    if ((ack?.committed ?? []).includes(honestResult.id))
      honestAcked.push(honestResult.id);
  } catch (error) {
    detail += ` | honest agent failed: ${error?.message ?? error}`;
  }
  report.push({ name, outcome, detail });
}

await bounded(honest.stop(), 5_000).catch(() => {});
process.stdout.write(JSON.stringify({ cases: report, honest: honestAcked }) + "\n");
process.exit(0);
