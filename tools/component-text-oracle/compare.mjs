// Compares Heron's encoding of each OUT/N.wat (see encode.cs) with jco's (wasm-tools' encoder), after
// dropping the custom sections (names) of both, recursively into nested components and core modules.
import { parse } from '@bytecodealliance/jco';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const verbose = process.argv.includes('--verbose');
let same = 0, differ = 0, heronOnlyError = 0, bothError = 0, jcoOnlyError = 0;
const report = [];

function readU32(b, pos) {
  let result = 0, shift = 0;
  for (;;) {
    const byte = b[pos++];
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result >>> 0, pos];
    shift += 7;
  }
}
function writeU32(v) {
  const out = [];
  do { let byte = v & 0x7f; v >>>= 7; if (v) byte |= 0x80; out.push(byte); } while (v);
  return out;
}
// Drops custom sections; recurses into core modules (section 1) and components (section 4) of a component.
function strip(b) {
  const out = [...b.slice(0, 8)];
  const component = b[6] === 1;
  let pos = 8;
  while (pos < b.length) {
    const id = b[pos++];
    let size;
    [size, pos] = readU32(b, pos);
    let body = b.slice(pos, pos + size);
    pos += size;
    if (id === 0) continue;
    if (component && (id === 1 || id === 4)) body = strip(body);
    out.push(id, ...writeU32(body.length), ...body);
  }
  return Uint8Array.from(out);
}

for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.wat')).sort()) {
  const base = path.join(dir, file.slice(0, -4));
  const where = fs.readFileSync(base + '.where', 'utf8');
  const wat = fs.readFileSync(base + '.wat', 'utf8');
  let theirs = null, theirError = null;
  try { theirs = strip(Uint8Array.from(await parse(wat))); } catch (e) { theirError = String(e.message ?? e).split('\n')[0]; }
  const ours = fs.existsSync(base + '.heron.wasm') ? strip(Uint8Array.from(fs.readFileSync(base + '.heron.wasm'))) : null;
  const ourError = ours ? null : fs.readFileSync(base + '.heron.err', 'utf8');
  if (ours && theirs) {
    if (Buffer.compare(Buffer.from(ours), Buffer.from(theirs)) === 0) same++;
    else { differ++; report.push(`differ: ${where} (${file})`); }
  } else if (!ours && !theirs) bothError++;
  else if (!ours) { heronOnlyError++; report.push(`heron error: ${where}: ${ourError}`); }
  else { jcoOnlyError++; report.push(`jco error: ${where}: ${theirError}`); }
}
for (const line of verbose ? report : report.slice(0, 40)) console.log(line);
console.log(`same ${same}, differ ${differ}, Heron-only error ${heronOnlyError}, jco-only error ${jcoOnlyError}, both error ${bothError}`);
