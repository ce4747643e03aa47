//! A stored object read through `Read` and `Seek` with ranged requests, one aligned block at a
//! time: formats read in pieces (a deck's ZIP directory, then one entry) cost a few small
//! requests instead of the whole object. Blocking: for the blocking threads only.

use bytes::Bytes;
use object_store::ObjectStore;
use object_store::path::Path as StorePath;
use std::io::{self, Read, Seek, SeekFrom};
use std::sync::Arc;

/// How much one request fetches; blocks start at multiples of it, so a reader stepping
/// backwards from the end (as ZIP readers do looking for the directory) stays in one block.
const BLOCK: u64 = 64 * 1024;

pub struct ObjectReader {
    store: Arc<dyn ObjectStore>,
    location: StorePath,
    size: u64,
    pos: u64,
    /// The block fetched last: where it starts, and its bytes.
    block: (u64, Bytes),
    runtime: tokio::runtime::Handle,
    /// The last request that failed: a reader (a ZIP parser) may turn the error into "not
    /// there", and the caller must not take a store that did not answer for an answer.
    failure: Option<String>,
}

impl ObjectReader {
    /// A reader of the object at `location`, `size` bytes long. Must be made on the async
    /// runtime (it keeps a handle to it), and read on a blocking thread.
    pub(super) fn new(store: Arc<dyn ObjectStore>, location: StorePath, size: u64) -> Self {
        ObjectReader {
            store,
            location,
            size,
            pos: 0,
            block: (0, Bytes::new()),
            runtime: tokio::runtime::Handle::current(),
            failure: None,
        }
    }

    /// Why the last failed request failed, if one did.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    fn in_block(&self) -> bool {
        let (start, bytes) = &self.block;
        self.pos >= *start && self.pos < start + bytes.len() as u64
    }
}

impl Read for ObjectReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.size || buf.is_empty() {
            return Ok(0);
        }
        if !self.in_block() {
            let from = self.pos - self.pos % BLOCK;
            let to = (from + BLOCK).min(self.size);
            let bytes = self
                .runtime
                .block_on(self.store.get_range(&self.location, from..to))
                .map_err(|e| {
                    self.failure = Some(e.to_string());
                    io::Error::other(e)
                })?;
            self.block = (from, bytes);
            if !self.in_block() {
                // The object is shorter than it was said to be.
                return Ok(0);
            }
        }
        let (start, bytes) = &self.block;
        let at = (self.pos - start) as usize;
        let n = buf.len().min(bytes.len() - at);
        buf[..n].copy_from_slice(&bytes[at..at + n]);
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for ObjectReader {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let pos = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.size.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = pos.ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "a seek before the start")
        })?;
        Ok(self.pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Storage;
    use std::io::Cursor;

    /// Seeks and reads as a ZIP reader makes them: from the end backwards, across block
    /// edges, past the end, and one before the start.
    const STEPS: &[(SeekFrom, usize)] = &[
        (SeekFrom::End(-22), 22),
        (SeekFrom::End(-600), 512),
        (SeekFrom::Start(0), 4),
        (SeekFrom::Start(BLOCK - 3), 10),
        (SeekFrom::Current(-20), 100_000),
        (SeekFrom::Start(2 * BLOCK), 1),
        (SeekFrom::End(5), 8),
        (SeekFrom::Current(-7), 3),
    ];

    fn read_like<R: Read + Seek>(r: &mut R) -> Vec<io::Result<(u64, Vec<u8>)>> {
        let mut out = Vec::new();
        for (to, len) in STEPS {
            out.push(r.seek(*to).and_then(|at| {
                let mut buf = Vec::new();
                r.by_ref().take(*len as u64).read_to_end(&mut buf)?;
                Ok((at, buf))
            }));
        }
        let before_start = r.seek(SeekFrom::Current(-(1 << 40)));
        out.push(before_start.map(|at| (at, Vec::new())));
        out
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_stored_object_reads_and_seeks_as_the_same_bytes_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::from_url(&format!("file://{}", dir.path().display())).unwrap();
        let object: Vec<u8> = (0..3 * BLOCK as usize + 1234)
            .map(|i| (i * 7 % 256) as u8)
            .collect();
        storage
            .put_bytes("solutions/1/pitch_deck/x.pptx", Bytes::from(object.clone()))
            .await
            .unwrap();
        let mut stored = storage
            .reader("solutions/1/pitch_deck/x.pptx")
            .await
            .unwrap();
        let from_store = tokio::task::spawn_blocking(move || read_like(&mut stored))
            .await
            .unwrap();
        let in_memory = read_like(&mut Cursor::new(object));
        assert_eq!(from_store.len(), in_memory.len());
        for (i, (a, b)) in from_store.iter().zip(&in_memory).enumerate() {
            match (a, b) {
                (Ok(a), Ok(b)) => assert!(a == b, "step {i}: {:?} vs {:?}", a.0, b.0),
                (Err(_), Err(_)) => {}
                _ => panic!("step {i}: {a:?} vs {b:?}"),
            }
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_store_that_does_not_answer_is_remembered_not_taken_for_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::from_url(&format!("file://{}", dir.path().display())).unwrap();
        let key = "solutions/1/pitch_deck/gone.pptx";
        storage
            .put_bytes(key, Bytes::from(vec![7u8; 1000]))
            .await
            .unwrap();
        let mut reader = storage.reader(key).await.unwrap();
        assert_eq!(reader.failure(), None);
        storage.delete(key).await.unwrap();
        let (read, reader) = tokio::task::spawn_blocking(move || {
            let mut buf = Vec::new();
            (reader.read_to_end(&mut buf), reader)
        })
        .await
        .unwrap();
        assert!(read.is_err());
        assert!(reader.failure().is_some());
    }
}
