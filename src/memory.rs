//! Hands back to the system the memory that background batch work freed.
//!
//! glibc's allocator keeps what a thread freed in that thread's arena, for the thread to reuse.
//! After the start-up's catalog refresh and lapse forecast over 100,000 solutions that was
//! about 27 MiB the idle server held without using (bench/RESULTS.md, issue 14); requests
//! reuse their own freed memory quickly, batch jobs run once and leave theirs behind.
//! `malloc_trim` returns the free pages of every arena, whichever thread freed them.

/// Returns the allocator's free pages to the system (glibc only; elsewhere nothing to do).
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: no arguments to uphold; malloc_trim takes the allocator's own locks and glibc's
    // manual marks it MT-Safe, so any thread may call it while others allocate.
    unsafe {
        libc::malloc_trim(0);
    }
}
