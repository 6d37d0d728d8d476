// Instructions Swift cannot name, for the batch API's block scan
// (Sources/PasswordPolicy/Validation/BatchValidation+Blocks.swift), which turns 64 bytes at a
// time into one 64-bit mask per question (is the byte LF, CR, from 0x80 up, in no class, in
// class k) so that each line's answers are a shift and an AND:
//
// - `password_policy_byte_mask`: the high bit of each of 16 byte lanes as an integer (x86
//   PMOVMSKB, part of SSE2 and so of every x86-64 processor). The standard library's SIMD
//   types compare lanes but cannot turn a compare into bits. Inlined into the Swift loop.
// - `password_policy_classify64_ssse3` / `_avx2`: the masks of a 64-byte block with a
//   nibble lookup (PSHUFB, SSSE3; 32 bytes at a time with AVX2), in the style of simdjson
//   and simdutf: each class is a union of products "high nibble in H and low nibble in L",
//   each product ("atom") is one bit of a lane, and a lane's atom bits are
//   `low[t][b & 15] & high[t][b >> 4]`, two table lookups whatever the policy. The tables
//   are built in Swift from the compiled byte table (Compiled/NibbleClasses.swift) and the tests
//   compare the masks with that table on every byte. Called only when CPUID reports the
//   instructions (`password_policy_cpu_features`); the Swift range compares are the fallback.
//
// Header only (static inline, compiled by the Swift compiler's Clang), so no C target is
// built and the fuzz build needs only `-I`.
#ifndef CBYTECLASSES_SHIM_H
#define CBYTECLASSES_SHIM_H

#include <stdint.h>

/// 16 bytes; Swift imports it as `SIMD16<UInt8>`.
typedef uint8_t password_policy_bytes16 __attribute__((ext_vector_type(16)));

/// The nibble tables of a policy's classes: up to 16 atoms in two tables of 8 bits.
typedef struct {
    /// Atom bits by low nibble, table 0 then table 1.
    uint8_t low[2][16];
    /// Atom bits by high nibble (entries 8 to 15, bytes from 0x80 up, are 0).
    uint8_t high[2][16];
    /// The atoms of class k in each table.
    uint8_t atoms[2][8];
    /// The number of classes (masks after the first four), 1 to 7.
    int32_t classes;
    /// 1 when every atom is in table 0, else 2.
    int32_t tables;
} password_policy_nibble_classes;

/// The masks a block fills, by index; class k's mask is at `PASSWORD_POLICY_MASK_CLASS + k`.
enum {
    PASSWORD_POLICY_MASK_NEWLINE = 0,
    PASSWORD_POLICY_MASK_CARRIAGE = 1,
    PASSWORD_POLICY_MASK_HIGH = 2,
    PASSWORD_POLICY_MASK_UNCLASSED = 3,
    PASSWORD_POLICY_MASK_CLASS = 4
};

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>
#include <immintrin.h>

/// Bit i of the result is bit 7 of lane i.
static inline uint32_t password_policy_byte_mask(password_policy_bytes16 lanes) {
    return (uint32_t)_mm_movemask_epi8((__m128i)lanes);
}

/// 1 with SSSE3, 2 with AVX2 as well (and the operating system saving the YMM registers),
/// else 0.
static inline int password_policy_cpu_features(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 9))) return 0;
    // OSXSAVE (bit 27), AVX (bit 28), and XCR0 with the XMM and YMM state (bits 1 and 2).
    if (!(c & (1u << 27)) || !(c & (1u << 28))) return 1;
    unsigned int low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    if ((low & 6u) != 6u || __get_cpuid_max(0, 0) < 7) return 1;
    __cpuid_count(7, 0, a, b, c, d);
    return (b & (1u << 5)) ? 2 : 1;
}

/// The masks of the 64 bytes at `block` (all readable) for `tables`, into `masks`
/// (4 + tables->classes words). SSSE3: call only when `password_policy_cpu_features() >= 1`.
__attribute__((target("ssse3")))
static inline void password_policy_classify64_ssse3(const uint8_t *block, const password_policy_nibble_classes *tables, uint64_t *masks) {
    const __m128i nibble = _mm_set1_epi8(0x0F), zero = _mm_setzero_si128();
    const __m128i low0 = _mm_loadu_si128((const __m128i *)tables->low[0]), high0 = _mm_loadu_si128((const __m128i *)tables->high[0]);
    const __m128i low1 = _mm_loadu_si128((const __m128i *)tables->low[1]), high1 = _mm_loadu_si128((const __m128i *)tables->high[1]);
    const int classes = tables->classes, two = tables->tables == 2;
    const __m128i bytes0 = _mm_loadu_si128((const __m128i *)block), bytes1 = _mm_loadu_si128((const __m128i *)(block + 16));
    const __m128i bytes2 = _mm_loadu_si128((const __m128i *)(block + 32)), bytes3 = _mm_loadu_si128((const __m128i *)(block + 48));
#define PASSWORD_POLICY_ATOMS(low, high, bytes) \
    _mm_and_si128(_mm_shuffle_epi8(low, _mm_and_si128(bytes, nibble)), _mm_shuffle_epi8(high, _mm_and_si128(_mm_srli_epi16(bytes, 4), nibble)))
    const __m128i a0 = PASSWORD_POLICY_ATOMS(low0, high0, bytes0), a1 = PASSWORD_POLICY_ATOMS(low0, high0, bytes1);
    const __m128i a2 = PASSWORD_POLICY_ATOMS(low0, high0, bytes2), a3 = PASSWORD_POLICY_ATOMS(low0, high0, bytes3);
    const __m128i b0 = two ? PASSWORD_POLICY_ATOMS(low1, high1, bytes0) : zero, b1 = two ? PASSWORD_POLICY_ATOMS(low1, high1, bytes1) : zero;
    const __m128i b2 = two ? PASSWORD_POLICY_ATOMS(low1, high1, bytes2) : zero, b3 = two ? PASSWORD_POLICY_ATOMS(low1, high1, bytes3) : zero;
#undef PASSWORD_POLICY_ATOMS
#define PASSWORD_POLICY_MASK64(v0, v1, v2, v3)                                                  \
    ((uint64_t)(uint16_t)_mm_movemask_epi8(v0) | (uint64_t)(uint16_t)_mm_movemask_epi8(v1) << 16 | \
     (uint64_t)(uint16_t)_mm_movemask_epi8(v2) << 32 | (uint64_t)(uint16_t)_mm_movemask_epi8(v3) << 48)
    const __m128i lf = _mm_set1_epi8(0x0A), cr = _mm_set1_epi8(0x0D);
    masks[PASSWORD_POLICY_MASK_NEWLINE] = PASSWORD_POLICY_MASK64(_mm_cmpeq_epi8(bytes0, lf), _mm_cmpeq_epi8(bytes1, lf),
                                                                 _mm_cmpeq_epi8(bytes2, lf), _mm_cmpeq_epi8(bytes3, lf));
    masks[PASSWORD_POLICY_MASK_CARRIAGE] = PASSWORD_POLICY_MASK64(_mm_cmpeq_epi8(bytes0, cr), _mm_cmpeq_epi8(bytes1, cr),
                                                                  _mm_cmpeq_epi8(bytes2, cr), _mm_cmpeq_epi8(bytes3, cr));
    masks[PASSWORD_POLICY_MASK_HIGH] = PASSWORD_POLICY_MASK64(bytes0, bytes1, bytes2, bytes3);
    masks[PASSWORD_POLICY_MASK_UNCLASSED] = PASSWORD_POLICY_MASK64(
        _mm_cmpeq_epi8(_mm_or_si128(a0, b0), zero), _mm_cmpeq_epi8(_mm_or_si128(a1, b1), zero),
        _mm_cmpeq_epi8(_mm_or_si128(a2, b2), zero), _mm_cmpeq_epi8(_mm_or_si128(a3, b3), zero));
    for (int k = 0; k < classes; k++) {
        const __m128i in0 = _mm_set1_epi8((char)tables->atoms[0][k]), in1 = _mm_set1_epi8((char)tables->atoms[1][k]);
#define PASSWORD_POLICY_NONE(a, b) _mm_cmpeq_epi8(_mm_or_si128(_mm_and_si128(a, in0), _mm_and_si128(b, in1)), zero)
        masks[PASSWORD_POLICY_MASK_CLASS + k] = ~PASSWORD_POLICY_MASK64(
            PASSWORD_POLICY_NONE(a0, b0), PASSWORD_POLICY_NONE(a1, b1), PASSWORD_POLICY_NONE(a2, b2), PASSWORD_POLICY_NONE(a3, b3));
#undef PASSWORD_POLICY_NONE
    }
#undef PASSWORD_POLICY_MASK64
}

/// `password_policy_classify64_ssse3` 32 bytes at a time: call only when
/// `password_policy_cpu_features() == 2`.
__attribute__((target("avx2")))
static inline void password_policy_classify64_avx2(const uint8_t *block, const password_policy_nibble_classes *tables, uint64_t *masks) {
    const __m256i nibble = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256();
    const __m256i low0 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)tables->low[0]));
    const __m256i high0 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)tables->high[0]));
    const __m256i low1 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)tables->low[1]));
    const __m256i high1 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)tables->high[1]));
    const int classes = tables->classes, two = tables->tables == 2;
    const __m256i first = _mm256_loadu_si256((const __m256i *)block), second = _mm256_loadu_si256((const __m256i *)(block + 32));
    const __m256i lows0 = _mm256_and_si256(first, nibble), highs0 = _mm256_and_si256(_mm256_srli_epi16(first, 4), nibble);
    const __m256i lows1 = _mm256_and_si256(second, nibble), highs1 = _mm256_and_si256(_mm256_srli_epi16(second, 4), nibble);
    const __m256i atomsA0 = _mm256_and_si256(_mm256_shuffle_epi8(low0, lows0), _mm256_shuffle_epi8(high0, highs0));
    const __m256i atomsA1 = _mm256_and_si256(_mm256_shuffle_epi8(low0, lows1), _mm256_shuffle_epi8(high0, highs1));
    const __m256i atomsB0 = two ? _mm256_and_si256(_mm256_shuffle_epi8(low1, lows0), _mm256_shuffle_epi8(high1, highs0)) : zero;
    const __m256i atomsB1 = two ? _mm256_and_si256(_mm256_shuffle_epi8(low1, lows1), _mm256_shuffle_epi8(high1, highs1)) : zero;
#define PASSWORD_POLICY_MASK64(v0, v1) \
    ((uint64_t)(uint32_t)_mm256_movemask_epi8(v0) | (uint64_t)(uint32_t)_mm256_movemask_epi8(v1) << 32)
    const __m256i lf = _mm256_set1_epi8(0x0A), cr = _mm256_set1_epi8(0x0D);
    masks[PASSWORD_POLICY_MASK_NEWLINE] = PASSWORD_POLICY_MASK64(_mm256_cmpeq_epi8(first, lf), _mm256_cmpeq_epi8(second, lf));
    masks[PASSWORD_POLICY_MASK_CARRIAGE] = PASSWORD_POLICY_MASK64(_mm256_cmpeq_epi8(first, cr), _mm256_cmpeq_epi8(second, cr));
    masks[PASSWORD_POLICY_MASK_HIGH] = PASSWORD_POLICY_MASK64(first, second);
    masks[PASSWORD_POLICY_MASK_UNCLASSED] = PASSWORD_POLICY_MASK64(_mm256_cmpeq_epi8(_mm256_or_si256(atomsA0, atomsB0), zero),
                                                                   _mm256_cmpeq_epi8(_mm256_or_si256(atomsA1, atomsB1), zero));
    for (int k = 0; k < classes; k++) {
        const __m256i in0 = _mm256_set1_epi8((char)tables->atoms[0][k]), in1 = _mm256_set1_epi8((char)tables->atoms[1][k]);
        const __m256i none0 = _mm256_cmpeq_epi8(_mm256_or_si256(_mm256_and_si256(atomsA0, in0), _mm256_and_si256(atomsB0, in1)), zero);
        const __m256i none1 = _mm256_cmpeq_epi8(_mm256_or_si256(_mm256_and_si256(atomsA1, in0), _mm256_and_si256(atomsB1, in1)), zero);
        masks[PASSWORD_POLICY_MASK_CLASS + k] = ~PASSWORD_POLICY_MASK64(none0, none1);
    }
#undef PASSWORD_POLICY_MASK64
}
#else
/// Bit i of the result is bit 7 of lane i.
static inline uint32_t password_policy_byte_mask(password_policy_bytes16 lanes) {
    uint32_t mask = 0;
    for (int lane = 0; lane < 16; lane++) mask |= (uint32_t)(lanes[lane] >> 7) << lane;
    return mask;
}

/// No nibble kernels here: the Swift range compares classify.
static inline int password_policy_cpu_features(void) { return 0; }
#endif

#endif
