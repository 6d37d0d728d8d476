#include "table_loop.h"
#include <string.h>

int tl_is_valid(const tl_rule *rule, const uint8_t *p, size_t n) {
    if (n < rule->min_length || n > rule->max_length) return 0;
    if (n == 0) return rule->required_count <= 0;
    const uint8_t *table = rule->table;
    if (table[p[0]] & TL_LEADING) return 0;
    if (table[p[n - 1]] & TL_TRAILING) return 0;
    uint8_t seen = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t facts = table[p[i]];
        if (!(facts & TL_ALLOWED)) return 0;
        seen |= facts;
    }
    return __builtin_popcount(seen & rule->required_mask) >= rule->required_count;
}

size_t tl_count_valid(const tl_rule *rule, const uint8_t *bytes, const size_t *offsets, size_t count) {
    size_t valid = 0;
    for (size_t i = 0; i < count; i++) {
        valid += (size_t)tl_is_valid(rule, bytes + offsets[i], offsets[i + 1] - offsets[i]);
    }
    return valid;
}

size_t tl_lines_count_valid(const tl_rule *rule, const uint8_t *bytes, size_t n, size_t *total) {
    size_t valid = 0, lines = 0, start = 0;
    while (start < n) {
        const uint8_t *newline = memchr(bytes + start, '\n', n - start);
        size_t stop = newline ? (size_t)(newline - bytes) : n;
        size_t length = stop - start;
        if (length > 0 && bytes[stop - 1] == '\r') length--;
        valid += (size_t)tl_is_valid(rule, bytes + start, length);
        lines++;
        start = stop + 1;
    }
    *total = lines;
    return valid;
}
