// The operating system's CSPRNG, for Sources/PasswordPolicy/Generation/SystemRandomSource.swift.
// Swift's Glibc module does not declare getrandom (sys/random.h), so this header does.
#ifndef CSYSTEMRANDOM_SHIM_H
#define CSYSTEMRANDOM_SHIM_H

#if defined(__linux__)
#include <sys/random.h>
#include <sys/types.h>

/// getrandom(2) with no flags: blocks only until the kernel's pool is first initialised.
static inline ssize_t password_policy_getrandom(void *buffer, size_t length) {
    return getrandom(buffer, length, 0);
}
#endif

#endif
