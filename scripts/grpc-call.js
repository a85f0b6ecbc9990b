#!/usr/bin/env node
// A small gRPC command-line client for operators and smoke tests: it learns the service from
// the server's reflection (like grpcurl), so it needs no proto files.
//
//   node scripts/grpc-call.js [--addr 127.0.0.1:5080] [--token JWT] [--max N] [--timeout S] list
//   node scripts/grpc-call.js [options] package.Service/Method '{"json":"request"}'
//
// Unary calls print the response as JSON, with a deadline of --timeout seconds (default 30).
// Server streams print one JSON line per message and run until the server ends them or Ctrl-C,
// unless --timeout S gives them a deadline; --max N stops after N messages.
// Exit code 0 on success, 1 with "CODE: message" on a gRPC error.
'use strict';
const grpc = require('@grpc/grpc-js');
const { GrpcReflection } = require('grpc-js-reflection-client');

function parseArgs(argv) {
  const options = { addr: '127.0.0.1:5080', token: '', max: Infinity, timeout: undefined, positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--addr') options.addr = argv[++i];
    else if (arg === '--token') options.token = argv[++i];
    else if (arg === '--max') options.max = Number(argv[++i]);
    else if (arg === '--timeout') options.timeout = Number(argv[++i]);
    else options.positional.push(arg);
  }
  return options;
}

function deadlineIn(seconds) {
  return new Date(Date.now() + seconds * 1000);
}

function metadataFor(token) {
  const metadata = new grpc.Metadata();
  if (token) metadata.add('authorization', `Bearer ${token}`);
  return metadata;
}

async function clientFor(options, fullService) {
  const reflection = new GrpcReflection(options.addr, grpc.credentials.createInsecure());
  const descriptor = await reflection.getDescriptorBySymbol(fullService);
  const root = descriptor.getPackageObject({ keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
  const Service = fullService.split('.').reduce((node, part) => node[part], root);
  if (typeof Service !== 'function') throw new Error(`service ${fullService} not found by reflection`);
  return new Service(options.addr, grpc.credentials.createInsecure());
}

function callUnary(client, method, request, metadata, deadline) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

function callStream(client, method, request, metadata, deadline, max) {
  return new Promise((resolve, reject) => {
    let received = 0;
    const stream = client[method](request, metadata, { deadline });
    stream.on('data', (message) => {
      console.log(JSON.stringify(message));
      if (++received >= max) {
        stream.cancel();
        resolve();
      }
    });
    stream.on('end', resolve);
    stream.on('error', (error) => (error.code === grpc.status.CANCELLED && received >= max ? resolve() : reject(error)));
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const [target, body = '{}'] = options.positional;
  if (!target) {
    console.error('usage: grpc-call.js [--addr host:port] [--token JWT] [--max N] [--timeout S] list | Service/Method [json]');
    process.exit(2);
  }

  if (target === 'list') {
    const reflection = new GrpcReflection(options.addr, grpc.credentials.createInsecure());
    (await reflection.listServices()).forEach((service) => console.log(service));
    return;
  }

  const [fullService, method] = target.split('/');
  const client = await clientFor(options, fullService);
  const definition = client[method] && client.constructor.service[method];
  if (!definition) throw new Error(`method ${method} not found on ${fullService}`);
  const request = JSON.parse(body);
  const metadata = metadataFor(options.token);
  if (definition.responseStream) {
    const deadline = options.timeout === undefined ? Infinity : deadlineIn(options.timeout);
    await callStream(client, method, request, metadata, deadline, options.max);
  } else {
    const deadline = deadlineIn(options.timeout ?? 30);
    console.log(JSON.stringify(await callUnary(client, method, request, metadata, deadline), null, 2));
  }
  client.close();
}

main().catch((error) => {
  const code = error.code !== undefined ? Object.keys(grpc.status).find((k) => grpc.status[k] === error.code) : 'ERROR';
  console.error(`${code}: ${error.details || error.message}`);
  process.exit(1);
});
