// Runs binaryen's wasm-opt (the npm package's Emscripten build) many times in one node process.
// Starting that build costs node about a second per module: it compiles 10 MB of wasm and runs it cold. Here the
// compiled wasm module is kept, so later runs reuse its optimised code.
// Protocol: each stdin line is a JSON array of wasm-opt arguments; each reply is one JSON line {status, errors}.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const scriptPath = process.argv[2];
const source = fs.readFileSync(scriptPath, 'utf8').replace(/^#!.*\n/, '');
const start = 'createWasm().then(()=>run());';
const at = source.lastIndexOf(start);
if (at < 0) throw new Error(`${scriptPath}: not the Emscripten launcher this server knows`);
// Each call of the factory is a fresh program: the launcher's globals (file system, exit status) live in its scope.
const factory = new Function('Module', 'require', '__filename', '__dirname',
  source.slice(0, at) + 'return { done: createWasm().then(()=>run()), status: () => EXITSTATUS, binary: findWasmBinary };' +
  source.slice(at + start.length));

let compiled = null;
let binary = null;

async function runOnce(args) {
  const errors = [];
  const Module = {
    arguments: args,
    thisProgram: 'wasm-opt',
    print: () => {},
    printErr: (text) => errors.push(text),
    instantiateWasm: (imports, receive) => {
      setImmediate(() => {
        compiled ??= new WebAssembly.Module(binary());
        receive(new WebAssembly.Instance(compiled, imports));
      });
      return {};
    },
  };
  const program = factory(Module, require, scriptPath, path.dirname(scriptPath));
  binary = program.binary;
  let status;
  try {
    await program.done;
    status = program.status() ?? 0;
  } catch (e) {
    status = typeof e?.status === 'number' ? e.status : 1;
    if (typeof e?.status !== 'number') errors.push(String(e?.stack ?? e));
  }
  process.exitCode = undefined;
  return { status, errors: errors.join('\n') };
}

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    const reply = await runOnce(JSON.parse(line));
    process.stdout.write(JSON.stringify(reply) + '\n');
  });
});
