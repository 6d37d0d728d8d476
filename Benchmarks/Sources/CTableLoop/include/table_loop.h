#ifndef TABLE_LOOP_H
#define TABLE_LOOP_H

#include <stddef.h>
#include <stdint.h>

/// The hand-written C baseline: one 256-entry table of per-byte facts and one loop.
/// Bits 0-3 of an entry: the classes the byte belongs to; TL_ALLOWED: in some class;
/// TL_LEADING: must not come first; TL_TRAILING: must not come last. Bytes >= 0x80 have
/// no bits (the baseline corpus is ASCII, and so is every preset's alphabet).
enum {
    TL_ALLOWED = 1 << 4,
    TL_LEADING = 1 << 5,
    TL_TRAILING = 1 << 6,
};

typedef struct {
    uint8_t table[256];
    size_t min_length;
    size_t max_length;
    uint8_t required_mask;   /* the classes an "at least k of" rule names */
    int required_count;      /* k */
} tl_rule;

/// 1 when the n bytes at p satisfy the rule, 0 otherwise.
int tl_is_valid(const tl_rule *rule, const uint8_t *p, size_t n);

/// The number of the `count` passwords stored back to back in `bytes` (password i is
/// bytes[offsets[i] ..< offsets[i + 1]]) that satisfy the rule.
size_t tl_count_valid(const tl_rule *rule, const uint8_t *bytes, const size_t *offsets, size_t count);

/// The streaming audit reference, in memory: the lines of the n bytes (LF-separated, one
/// CR before an LF or at the end removed, a last line without LF counts) split with
/// memchr and judged one by one; returns the valid count and sets *total to the lines.
size_t tl_lines_count_valid(const tl_rule *rule, const uint8_t *bytes, size_t n, size_t *total);

#endif
