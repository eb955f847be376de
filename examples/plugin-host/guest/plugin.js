// A plugin written in JavaScript, built into a WebAssembly component by componentize-js (see ../build-guest.sh).
// The WIT types arrive as JavaScript values: records as objects, variants as { tag, val }, flags as objects of
// booleans, enums as strings; an error result is a thrown value.
import { log, Store } from 'example:plugins/host@0.1.0';

let store;

function remembered() {
  // The store is a resource the host implements; the plugin makes it on first use.
  if (!store) store = new Store();
  return store;
}

export const plugin = {
  describe() {
    return { name: 'js-plugin', version: [1, 2, 0], tags: ['demo', 'javascript'] };
  },

  capabilities() {
    return { text: true, numbers: true, storage: true };
  },

  run(command) {
    switch (command.tag) {
      case 'greet':
        log('info', `greeting ${command.val}`);
        return { tag: 'text', val: `Hello, ${command.val}!` };
      case 'add':
        if (command.val.length === 0) throw 'bad-input';
        return { tag: 'number', val: command.val.reduce((sum, n) => sum + n, 0n) };
      case 'remember': {
        const [key, value] = command.val;
        remembered().set(key, value);
        log('debug', `remembered ${key}`);
        return { tag: 'nothing' };
      }
      case 'recall': {
        const value = remembered().get(command.val);
        if (value === undefined) throw 'unknown-key';
        return { tag: 'text', val: value };
      }
      default:
        throw 'bad-input';
    }
  },
};
