#ifndef RAC2QB_CSYSTEMCALLS_H
#define RAC2QB_CSYSTEMCALLS_H

/// Starts writing a file's changed pages to the disk without waiting for them (Linux: sync_file_range
/// with SYNC_FILE_RANGE_WRITE), so that a later fsync has little left to wait for. Returns 0, or -1 with
/// errno set; elsewhere it does nothing and returns 0 (fsync alone does the work there).
int rac2qb_start_writeback(int descriptor);

/// Copies what is left of `from` (from its offset) to `to` (at its offset) inside the kernel (Linux:
/// copy_file_range), advancing both offsets. Returns 0 once everything is copied, or -1 with errno set
/// (and the offsets where the copy stopped); elsewhere -1 with errno ENOSYS, nothing copied.
int rac2qb_copy_rest(int from, int to);

#endif
