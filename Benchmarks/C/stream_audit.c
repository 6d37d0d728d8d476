/* The streaming C audit reference (issue 14): one thread, 1 MiB read(2)s, lines split
 * with memchr, each judged with one 256-entry table. Lines end at LF; one CR before the
 * LF (or at the very end of the input) is removed; a last line without LF counts; bytes
 * from 0x80 up are in no class, so any non-ASCII line is invalid.
 *
 * The table is not written by hand: PCRE2 answers, for every ASCII byte, whether each
 * class pattern matches it (the patterns are the policy's classes, given on the command
 * line as PCRE2 bracket expressions).
 *
 *   stream_audit MIN MAX K LEADING CLASS... < FILE
 *     MIN, MAX  length bounds in bytes (MAX 0: no maximum)
 *     K         at least K of the classes must be present
 *     LEADING   a bracket expression of bytes forbidden first, or "" for none
 *     CLASS     one bracket expression per class, e.g. '[a-zA-Z]' (at most 8 classes)
 * Prints "total N\nvalid N\n".
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { ALLOWED = 1 << 8, LEADING = 1 << 9 };
static uint16_t table[256];

static int matches(const char *pattern, uint8_t byte) {
    int error; PCRE2_SIZE offset;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED, &error, &offset, NULL);
    if (!code) { fprintf(stderr, "stream_audit: bad pattern %s\n", pattern); exit(2); }
    pcre2_match_data *data = pcre2_match_data_create_from_pattern(code, NULL);
    int found = pcre2_match(code, &byte, 1, 0, 0, data, NULL) >= 0;
    pcre2_match_data_free(data);
    pcre2_code_free(code);
    return found;
}

int main(int argc, char **argv) {
    if (argc < 6 || argc > 13) { fprintf(stderr, "usage: stream_audit MIN MAX K LEADING CLASS... < FILE\n"); return 2; }
    size_t min = strtoul(argv[1], NULL, 10), max = strtoul(argv[2], NULL, 10);
    int k = atoi(argv[3]);
    if (max == 0) max = SIZE_MAX;
    for (int byte = 0; byte < 128; byte++) {
        for (int c = 5; c < argc; c++) if (matches(argv[c], (uint8_t)byte)) table[byte] |= (uint16_t)(1 << (c - 5)) | ALLOWED;
        if (argv[4][0] && matches(argv[4], (uint8_t)byte)) table[byte] |= LEADING;
    }
    size_t capacity = (1 << 20) * 2, end = 0, total = 0, valid = 0;
    uint8_t *buffer = malloc(capacity);
    int eof = 0;
    while (!eof) {
        if (end == capacity) { capacity *= 2; buffer = realloc(buffer, capacity); }
        size_t want = capacity - end < (1 << 20) ? capacity - end : (1 << 20);
        ssize_t got = read(0, buffer + end, want);
        if (got < 0) { perror("stream_audit: read"); return 2; }
        if (got == 0) eof = 1;
        end += (size_t)got;
        size_t start = 0;
        while (start < end) {
            uint8_t *newline = memchr(buffer + start, '\n', end - start);
            size_t stop;
            if (newline) stop = (size_t)(newline - buffer);
            else if (eof && start < end) stop = end;
            else break;
            size_t n = stop - start;
            const uint8_t *p = buffer + start;
            if (n > 0 && p[n - 1] == '\r') n--;
            total++;
            if (n >= min && n <= max && (n == 0 || !(table[p[0]] & LEADING))) {
                uint16_t seen = 0, all = ALLOWED;
                for (size_t i = 0; i < n; i++) { seen |= table[p[i]]; all &= table[p[i]]; }
                if ((n == 0 || all) && __builtin_popcount(seen & 0xFF) >= k) valid++;
            }
            start = stop + 1;
        }
        if (start > end) start = end;
        memmove(buffer, buffer + start, end - start);
        end -= start;
    }
    printf("total %zu\nvalid %zu\n", total, valid);
    free(buffer);
    return 0;
}
