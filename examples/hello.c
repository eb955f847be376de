// Hello, world in C for wasm32-wasi. Rebuild hello-c.wasm with examples/build-hello-c.sh.
#include <stdio.h>

int main(int argc, char **argv) {
    printf("Hello from C on Heron!\n");
    for (int i = 1; i < argc; i++) printf("argument %d: %s\n", i, argv[i]);
    return 0;
}
