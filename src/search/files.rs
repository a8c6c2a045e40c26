//! Compressed, content-named files: every search file is one gzip member
//! (RFC 1952, made by libdeflate, byte-identical for the same input), named
//! by a hash of its bytes so that a browser or a service worker may keep it
//! for ever, and a new build changes the name of what it changes.

use libdeflater::{CompressionLvl, Compressor};
use sha2::{Digest, Sha256};

/// The gzip header every file starts with: deflate, no name, no time,
/// unknown OS (what libdeflate writes at level 6).
#[cfg(test)]
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];

/// How hard a file is compressed; its value is the index of its
/// compressor in [`DEFLATE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Effort {
    /// libdeflate's default (level 6): term shards, directories, facets and
    /// the manifest, which a query downloads whole.
    Full = 0,
    /// Level 1, for result cards: a card is a few hundred bytes, and each
    /// compression first clears the match finder's tables, which level 6
    /// makes half as large again. On 10k × 2 this takes a quarter off the
    /// cards' time, and adds 1.7 bytes a card (0.6 %).
    Quick = 1,
}

thread_local! {
    /// One compressor per effort per thread: a search index is thousands of
    /// small files. libdeflate compresses a whole buffer at once, faster
    /// than a streaming deflate and a little smaller; its output depends on
    /// the input alone.
    static DEFLATE: [std::cell::RefCell<Compressor>; 2] = [
        std::cell::RefCell::new(Compressor::new(CompressionLvl::default())),
        std::cell::RefCell::new(Compressor::new(CompressionLvl::fastest())),
    ];
}

/// `bytes` as one gzip member (RFC 1952), compressed with `effort`.
pub(super) fn gzip(bytes: &[u8], effort: Effort) -> Vec<u8> {
    DEFLATE.with(|compressors| {
        let mut compressor = compressors[effort as usize].borrow_mut();
        let mut room = compressor.gzip_compress_bound(bytes.len());
        loop {
            let mut out = vec![0; room];
            // libdeflate's bound always fits; a larger buffer is the answer
            // should it ever not.
            match compressor.gzip_compress(bytes, &mut out) {
                Ok(written) => {
                    out.truncate(written);
                    return out;
                }
                Err(_) => room = room * 2 + 64,
            }
        }
    })
}

/// The first 5 bytes of `bytes`' SHA-256, in hex: a file's name part.
pub(super) fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..5]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let length = u32::from_le_bytes(bytes[bytes.len() - 4..].try_into().expect("4 bytes"));
        let mut out = vec![0; length as usize];
        let written = libdeflater::Decompressor::new()
            .gzip_decompress(bytes, &mut out)
            .expect("valid gzip");
        assert_eq!(written, out.len());
        out
    }

    #[test]
    fn gzip_reuses_its_state_and_every_member_decodes() {
        // Incompressible bytes, then text, then nothing: each on the same
        // thread's compressor.
        let mut noise = Vec::new();
        let mut x: u32 = 0x9e37_79b9;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            noise.push(x as u8);
        }
        let text = "clinic ".repeat(5_000).into_bytes();
        for effort in [Effort::Full, Effort::Quick] {
            for input in [&noise[..], &text[..], &[][..], &text[..100]] {
                let packed = gzip(input, effort);
                // Byte 8 (XFL) tells the effort; the rest is fixed.
                assert_eq!(&packed[..8], &GZIP_HEADER[..8]);
                assert_eq!(packed[9], GZIP_HEADER[9]);
                assert_eq!(gunzip(&packed), input);
                assert_eq!(packed, gzip_on_a_fresh_thread(input, effort));
            }
        }
        // The two efforts are two compressors.
        assert_ne!(gzip(&text, Effort::Full), gzip(&text, Effort::Quick));
    }

    /// The same member must come out whatever ran on the state before.
    fn gzip_on_a_fresh_thread(input: &[u8], effort: Effort) -> Vec<u8> {
        std::thread::scope(|s| s.spawn(|| gzip(input, effort)).join().expect("thread"))
    }
}
