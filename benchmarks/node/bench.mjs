// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// The benchmark of benchmarks/run.sh with the official openai-node SDK (the version pinned in
// benchmarks/node/package.json), public API and default retries, for comparison with
// bench_client (the C++ SDK) and bench_raw (the hand-written Beast floor). Same command line and
// output as those (see benchmarks/bench_common.hpp):
//
//   node bench.mjs --node-modules DIR --base-url URL [--ca-file F] --op get|list|upload|walk
//                  --requests N --concurrency C [--page-size P] [--id ID]
//
// DIR is the directory that holds node_modules (npm ci of package.json + package-lock.json).
// Admin key from OPENAI_ADMIN_KEY (default sk-admin-bench). C async loops share ONE client and
// take operations from one counter until N are done. Prints, as its last two lines:
//   latency p50=<us>us p99=<us>us
//   <op> n=<N> conc=<C> <R> ops/s
// Any failure: message on stderr, exit 1 (a bad command line: exit 2).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';

const USAGE =
    'usage: node bench.mjs --node-modules DIR --base-url URL [--ca-file F] --op get|list|upload|walk\n' +
    '          --requests N --concurrency C [--page-size P] [--id ID]\n' +
    'The admin key comes from OPENAI_ADMIN_KEY (default sk-admin-bench).\n';

function parseArgs(argv) {
    const a = { nodeModules: '', baseURL: '', caFile: '', op: '', requests: 0, concurrency: 1, pageSize: 100, id: 'cert_bench' };
    const bad = (msg) => {
        process.stderr.write(`bench.mjs: ${msg}\n${USAGE}`);
        process.exit(2);
    };
    const number = (flag, v) => {
        if (!/^[0-9]+$/.test(v) || Number(v) === 0) bad(`${flag} wants a positive integer, got "${v}"`);
        return Number(v);
    };
    for (let i = 0; i < argv.length; ++i) {
        const flag = argv[i];
        if (flag === '-h' || flag === '--help') {
            process.stdout.write(USAGE);
            process.exit(0);
        }
        if (i + 1 >= argv.length) bad(`${flag} needs a value`);
        const v = argv[++i];
        if (flag === '--node-modules') a.nodeModules = v;
        else if (flag === '--base-url') a.baseURL = v;
        else if (flag === '--ca-file') a.caFile = v;
        else if (flag === '--op') a.op = v;
        else if (flag === '--requests') a.requests = number(flag, v);
        else if (flag === '--concurrency') a.concurrency = number(flag, v);
        else if (flag === '--page-size') a.pageSize = number(flag, v);
        else if (flag === '--id') a.id = v;
        else bad(`unknown argument ${flag}`);
    }
    if (!a.nodeModules) bad('--node-modules is required');
    if (!a.baseURL) bad('--base-url is required');
    if (!['get', 'list', 'upload', 'walk'].includes(a.op)) bad('--op must be get, list, upload or walk');
    if (a.requests === 0) bad('--requests is required');
    if (a.pageSize > 100) bad('--page-size must be 1-100');
    return a;
}

const args = parseArgs(process.argv.slice(2));

// Node reads extra CAs only at start-up: re-run this script with NODE_EXTRA_CA_CERTS set.
// Verification stays on (NODE_TLS_REJECT_UNAUTHORIZED is never touched).
if (args.caFile) {
    const ca = path.resolve(args.caFile);
    if (process.env.NODE_EXTRA_CA_CERTS !== ca) {
        const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
            stdio: 'inherit',
            env: { ...process.env, NODE_EXTRA_CA_CERTS: ca },
        });
        if (r.error) process.stderr.write(`bench.mjs: cannot re-run node: ${r.error.message}\n`);
        process.exit(r.status ?? 1);
    }
}

const require = createRequire(path.join(path.resolve(args.nodeModules), 'package.json'));
const { OpenAI } = require('openai');

const client = new OpenAI({
    adminAPIKey: process.env.OPENAI_ADMIN_KEY || 'sk-admin-bench',
    apiKey: null, // never an API key: these operations use the admin key only
    organization: null,
    project: null,
    baseURL: args.baseURL,
    maxRetries: 2, // the SDK default
    timeout: 600_000,
});
const certs = client.admin.organization.certificates;

const PEM = '-----BEGIN CERTIFICATE-----\n' + `${'A'.repeat(64)}\n`.repeat(12) + '-----END CERTIFICATE-----\n';
let walkItems = 0;

// One operation; throws on any failure (the SDK throws APIError on a non-2xx status).
const ops = {
    async get() {
        const c = await certs.retrieve(args.id);
        if (typeof c.id !== 'string') throw new Error('response has no string id');
    },
    async list() {
        const page = await certs.list({ limit: args.pageSize }); // the first page only
        if (!Array.isArray(page.data)) throw new Error('list response has no data array');
    },
    async upload() {
        const c = await certs.create({ certificate: PEM, name: 'bench' });
        if (typeof c.id !== 'string') throw new Error('response has no string id');
    },
    async walk() {
        let items = 0;
        for await (const c of certs.list({ limit: args.pageSize })) {
            if (typeof c.id === 'string') ++items;
        }
        walkItems = items;
    },
};

async function main() {
    const op = ops[args.op];
    const latencies = new Array(args.requests);
    let next = 0;
    const worker = async () => {
        while (next < args.requests) {
            const i = next++;
            const t0 = process.hrtime.bigint();
            await op();
            latencies[i] = Number((process.hrtime.bigint() - t0) / 1000n);
        }
    };
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: args.concurrency }, worker));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    if (args.op === 'walk') console.log(`walked ${walkItems} items per walk`);
    latencies.sort((x, y) => x - y);
    const pct = (p) => latencies[Math.floor(p * (latencies.length - 1))];
    console.log(`latency p50=${pct(0.5)}us p99=${pct(0.99)}us`);
    console.log(`${args.op} n=${args.requests} conc=${args.concurrency} ${(args.requests / seconds).toFixed(1)} ops/s`);
}

main().catch((err) => {
    let msg = `bench.mjs: ${args.op} failed: ${err?.stack ?? err}`;
    for (let c = err?.cause, depth = 0; c && depth < 5; c = c.cause, ++depth) msg += `\ncaused by: ${c?.message ?? c}`;
    process.stderr.write(`${msg}\n`);
    process.exit(1);
});
