// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// The wire-equivalence scenario, run with the official openai-node SDK (the version pinned in
// tests/contract/package.json). Spawned by the C++ suite contract_node_wire
// (tests/contract/contract_tests.cpp), which runs the SAME scenario with the C++ SDK against the
// same recording server and compares the requests one by one. Keep both lists in the same order.
//
//   node node_scenario.mjs <dir holding node_modules> <base URL> <admin key>
//
// Prints one JSON line on stdout: the certificate ids each auto-pagination walk yielded.
// Exits non-zero on any error (the message goes to stderr).
import { createRequire } from 'node:module';
import path from 'node:path';

const [nodeDir, baseURL, adminKey] = process.argv.slice(2);
if (!nodeDir || !baseURL || !adminKey) {
    console.error('usage: node node_scenario.mjs <node dir> <base URL> <admin key>');
    process.exit(2);
}

// node_modules lives in the build tree, not beside this file: resolve from there.
const require = createRequire(path.join(nodeDir, 'package.json'));
const { OpenAI } = require('openai');

const client = new OpenAI({
    adminAPIKey: adminKey,
    apiKey: null, // never an API key: these operations use the admin key only
    organization: null,
    project: null,
    baseURL,
    maxRetries: 0, // one request per call, as the C++ side (max_retries = 0)
    timeout: 20_000,
});

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBcontract\n-----END CERTIFICATE-----\n';
const HOSTILE_ID = 'cert a/b+c?d#e%f';

async function main() {
    const certs = client.admin.organization.certificates;
    const project = client.admin.organization.projects.certificates;

    // 1-2 upload, with and without name
    await certs.create({ certificate: PEM, name: 'contract name' });
    await certs.create({ certificate: PEM });
    // 3-4 get, without and with include[]=content
    await certs.retrieve('cert_abc');
    await certs.retrieve('cert_abc', { include: ['content'] });
    // 5-6 modify, with and without name
    await certs.update('cert_abc', { name: 'renamed' });
    await certs.update('cert_abc', {});
    // 7 delete
    await certs.delete('cert_abc');
    // 8-10 org list, first page only: nothing set; limit+after+order; order+limit only
    await certs.list();
    await certs.list({ limit: 5, after: 'cert_cursor', order: 'asc' });
    await certs.list({ limit: 1, order: 'desc' });
    // 11-13 org activate (one id, two ids), deactivate
    await certs.activate({ certificate_ids: ['cert_abc'] });
    await certs.activate({ certificate_ids: ['cert_abc', 'cert_def'] });
    await certs.deactivate({ certificate_ids: ['cert_abc', 'cert_def'] });
    // 14-15 project list: nothing set; everything set
    await project.list('proj_abc');
    await project.list('proj_abc', { limit: 3, after: 'cert_cursor', order: 'desc' });
    // 16-17 project activate, deactivate
    await project.activate('proj_abc', { certificate_ids: ['cert_abc'] });
    await project.deactivate('proj_abc', { certificate_ids: ['cert_abc', 'cert_def'] });
    // 18 an id that needs percent-encoding in the path
    await certs.retrieve(HOSTILE_ID);
    // 19-20 org auto-pagination walk (two pages); 21-22 project walk (two pages)
    const walks = { org: [], project: [] };
    for await (const c of certs.list({ limit: 2 })) walks.org.push(c.id);
    for await (const c of project.list('proj_abc', { limit: 2, order: 'asc' })) walks.project.push(c.id);

    process.stdout.write(JSON.stringify({ walks }) + '\n');
}

main().catch((err) => {
    console.error(`node_scenario failed: ${err?.stack ?? err}`);
    process.exit(1);
});
