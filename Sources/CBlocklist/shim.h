// Two instructions Swift cannot name, for Sources/PasswordPolicy/Blocklist/: a prefetch (a
// group of lookups in a large filter file asks for all its slots before reading any), and
// SHA-1's compression function with the x86 SHA extensions (SHA-NI). A lookup in a blocklist
// file of Have I Been Pwned's SHA-1 digests spends most of its time in SHA-1: one block takes
// about a third of the time the portable Swift rounds take. Header
// only (static inline, compiled by the Swift compiler's Clang), so that no C target is built
// and the fuzz build needs only `-I`. The Swift rounds remain the fallback and the reference:
// the tests compare both, and swift-crypto, on the same inputs.
//
// The rounds follow the SHA extensions' documented use (Intel, "New Instructions Supporting
// the Secure Hash Algorithm on Intel Architecture Processors", 2013): four rounds per
// SHA1RNDS4, the next E from SHA1NEXTE, the schedule W[i] = SHA1MSG2(SHA1MSG1(W[i-4], W[i-3])
// xor W[i-2], W[i-1]) four words at a time (FIPS 180-4, section 6.1.2).
#ifndef CBLOCKLIST_SHIM_H
#define CBLOCKLIST_SHIM_H

#include <stdint.h>

/// Asks for the cache line holding `address` (a hint: never faults, changes nothing).
static inline void password_policy_prefetch(const void *address) {
#if defined(__clang__) || defined(__GNUC__)
    __builtin_prefetch(address, 0, 3);
#else
    (void)address;
#endif
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>
#include <immintrin.h>

/// Whether the processor has the SHA extensions and SSSE3/SSE4.1 (CPUID leaf 7 EBX bit 29;
/// leaf 1 ECX bits 9 and 19).
static inline int password_policy_sha1_hardware(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    if (!(c & (1u << 9)) || !(c & (1u << 19))) return 0;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, a, b, c, d);
    return (b & (1u << 29)) != 0;
}

#define PASSWORD_POLICY_SHA1_GROUP(i, f)                                                       \
    if ((i) >= 4) {                                                                            \
        w[(i) & 3] = _mm_sha1msg2_epu32(                                                       \
            _mm_xor_si128(_mm_sha1msg1_epu32(w[(i) & 3], w[((i) + 1) & 3]), w[((i) + 2) & 3]), \
            w[((i) + 3) & 3]);                                                                 \
    }                                                                                          \
    e = (i) == 0 ? _mm_add_epi32(e, w[0]) : _mm_sha1nexte_epu32(saved, w[(i) & 3]);           \
    saved = abcd;                                                                              \
    abcd = _mm_sha1rnds4_epu32(abcd, e, f);

/// Compresses the 64-byte `block` into `state` (five words, A to E). Call only when
/// `password_policy_sha1_hardware()` said yes.
__attribute__((target("sha,sse4.1,ssse3")))
static inline void password_policy_sha1_compress(uint32_t state[5], const uint8_t block[64]) {
    const __m128i order = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)state), 0x1B);
    __m128i e = _mm_set_epi32((int)state[4], 0, 0, 0);
    const __m128i abcd0 = abcd, e0 = e;
    __m128i saved = abcd, w[4];
    for (int i = 0; i < 4; i++) w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 16 * i)), order);
    PASSWORD_POLICY_SHA1_GROUP(0, 0) PASSWORD_POLICY_SHA1_GROUP(1, 0) PASSWORD_POLICY_SHA1_GROUP(2, 0)
    PASSWORD_POLICY_SHA1_GROUP(3, 0) PASSWORD_POLICY_SHA1_GROUP(4, 0)
    PASSWORD_POLICY_SHA1_GROUP(5, 1) PASSWORD_POLICY_SHA1_GROUP(6, 1) PASSWORD_POLICY_SHA1_GROUP(7, 1)
    PASSWORD_POLICY_SHA1_GROUP(8, 1) PASSWORD_POLICY_SHA1_GROUP(9, 1)
    PASSWORD_POLICY_SHA1_GROUP(10, 2) PASSWORD_POLICY_SHA1_GROUP(11, 2) PASSWORD_POLICY_SHA1_GROUP(12, 2)
    PASSWORD_POLICY_SHA1_GROUP(13, 2) PASSWORD_POLICY_SHA1_GROUP(14, 2)
    PASSWORD_POLICY_SHA1_GROUP(15, 3) PASSWORD_POLICY_SHA1_GROUP(16, 3) PASSWORD_POLICY_SHA1_GROUP(17, 3)
    PASSWORD_POLICY_SHA1_GROUP(18, 3) PASSWORD_POLICY_SHA1_GROUP(19, 3)
    e = _mm_sha1nexte_epu32(saved, e0);
    abcd = _mm_add_epi32(abcd, abcd0);
    _mm_storeu_si128((__m128i *)state, _mm_shuffle_epi32(abcd, 0x1B));
    state[4] = (uint32_t)_mm_extract_epi32(e, 3);
}
#undef PASSWORD_POLICY_SHA1_GROUP
#else
static inline int password_policy_sha1_hardware(void) { return 0; }
static inline void password_policy_sha1_compress(uint32_t state[5], const uint8_t block[64]) { (void)state; (void)block; }
#endif

#endif
