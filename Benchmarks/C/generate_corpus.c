/* The seeded corpus of the audit comparison (issue 14): LINES lines of printable ASCII
 * (0x20-0x7E), lengths 4 to 24, each ended by LF, from SplitMix64 with SEED: the same
 * generator and draws as the Benchmarks package's corpus and `pwpolicy bench`'s
 * built-in one (seed 0x5EED2024 gives the same passwords).
 *
 *   generate_corpus LINES [SEED] > FILE
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state;
static uint64_t next(void) {
    state += 0x9E3779B97F4A7C15ull;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: generate_corpus LINES [SEED] > FILE\n"); return 2; }
    unsigned long long lines = strtoull(argv[1], NULL, 10);
    state = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x5EED2024ull;
    static char line[32];
    for (unsigned long long i = 0; i < lines; i++) {
        int length = 4 + (int)(next() % 21);
        for (int j = 0; j < length; j++) line[j] = (char)(0x20 + next() % 95);
        line[length] = '\n';
        fwrite(line, 1, (size_t)length + 1, stdout);
    }
    return 0;
}
