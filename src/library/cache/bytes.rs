//! The bytes of an index file, mapped read-only where the system allows: the one place with
//! `unsafe` code in the index, kept apart so its invariant (the file is never changed in place)
//! sits next to it.

use std::fs;
use std::io;
use std::path::Path;

/// The bytes of an index file: mapped read-only on Unix, so a warm start neither copies a
/// corpus-sized file into the heap nor faults in fresh pages for it (a tenth of a second at
/// 10,000 documents); read into memory elsewhere or if mapping fails.
///
/// Mapping is safe here because index files are never modified in place: writers rename a new
/// file over the old one, and the mapped inode stays as it was until unmapped. (Someone
/// truncating the file by hand while briefdeck reads it could still fault the process; that is
/// outside the protocol, like editing a database file under its server.)
pub enum Bytes {
    #[cfg(unix)]
    Mapped {
        ptr: *mut libc::c_void,
        len: usize,
    },
    Owned(Vec<u8>),
}

// SAFETY: the mapping is read-only and private, owned by this value alone, and unmapped only in
// `drop`; sharing `&[u8]` views of it across threads is as safe as sharing a `Vec<u8>`.
unsafe impl Send for Bytes {}
unsafe impl Sync for Bytes {}

impl Bytes {
    pub fn read(path: &Path) -> io::Result<Bytes> {
        let file = fs::File::open(path)?;
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            let len = usize::try_from(file.metadata()?.len()).map_err(io::Error::other)?;
            if len > 0 {
                // Not MAP_POPULATE: a warm start reads the documents' part of the file only,
                // and the blocks' pages are faulted in when a document is opened.
                let flags = libc::MAP_PRIVATE;
                // SAFETY: a fresh read-only private mapping of a file we opened; the result is
                // checked before use and the length is the file's.
                let ptr = unsafe {
                    libc::mmap(
                        std::ptr::null_mut(),
                        len,
                        libc::PROT_READ,
                        flags,
                        file.as_raw_fd(),
                        0,
                    )
                };
                if ptr != libc::MAP_FAILED {
                    return Ok(Bytes::Mapped { ptr, len });
                }
            }
        }
        let mut buf = Vec::new();
        io::Read::read_to_end(&mut &file, &mut buf)?;
        Ok(Bytes::Owned(buf))
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            #[cfg(unix)]
            // SAFETY: `ptr` maps `len` readable bytes for as long as `self` lives.
            Bytes::Mapped { ptr, len } => unsafe {
                std::slice::from_raw_parts(*ptr as *const u8, *len)
            },
            Bytes::Owned(v) => v,
        }
    }
}

impl Drop for Bytes {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Bytes::Mapped { ptr, len } = self {
            // SAFETY: unmapping exactly what `read` mapped, once; no slice of it outlives self.
            unsafe {
                libc::munmap(*ptr, *len);
            }
        }
    }
}
