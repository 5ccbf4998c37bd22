//! HMAC computation and constant-time verification.

use std::cell::RefCell;
use std::thread::LocalKey;

use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha512};
use subtle::ConstantTimeEq;

/// The hash functions the gateways use with HMAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Algorithm {
    /// HMAC-SHA256: 32-byte tags.
    Sha256,
    /// HMAC-SHA512: 64-byte tags.
    Sha512,
}

impl Algorithm {
    /// Length in bytes of this algorithm's tag.
    pub(crate) fn tag_len(self) -> usize {
        match self {
            Algorithm::Sha256 => 32,
            Algorithm::Sha512 => 64,
        }
    }
}

/// The key is refused: it is empty or zero bytes only (an APP_KEY of `base64:` or `AAAA`, a
/// secret of NUL characters). HMAC pads keys with zero bytes, so such a key is the empty key,
/// whose MACs anyone can compute: nothing signed or verified with it proves anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KeyRejected;

/// What [`KeyRejected`] means, for signing errors and invalid verdicts.
pub(crate) const KEY_REJECTED: &str =
    "the secret is empty or zero bytes only (as the scheme decodes it), which HMAC takes as no key: anyone could sign with it";

/// Whether `key` is one [`sign`] takes: not empty, and not zero bytes only.
pub(crate) fn usable_key(key: &[u8]) -> bool {
    key.iter().any(|&byte| byte != 0)
}

/// The last key used on this thread and the HMAC state it leaves (the hashed key blocks).
///
/// A merchant signs and verifies with the same secret every time: starting from the stored
/// state saves the two compressions of the key blocks in each call. The state is as secret as
/// the key; both stay in this process, as the key itself does.
type KeyCache<M> = RefCell<Option<(Vec<u8>, M)>>;

thread_local! {
    static SHA256_KEY: KeyCache<Hmac<Sha256>> = const { RefCell::new(None) };
    static SHA512_KEY: KeyCache<Hmac<Sha512>> = const { RefCell::new(None) };
}

fn keyed<M: Mac + hmac::digest::KeyInit + Clone>(
    cache: &'static LocalKey<KeyCache<M>>,
    key: &[u8],
    parts: &[&[u8]],
) -> Result<M, KeyRejected> {
    if !usable_key(key) {
        return Err(KeyRejected);
    }
    let mut mac = cache.with_borrow_mut(|cached| match cached {
        Some((cached_key, state)) if tags_equal(cached_key, key) => Ok(state.clone()),
        _ => {
            let state = <M as Mac>::new_from_slice(key).map_err(|_| KeyRejected)?;
            *cached = Some((key.to_vec(), state.clone()));
            Ok(state)
        }
    })?;
    for part in parts {
        mac.update(part);
    }
    Ok(mac)
}

/// The HMAC of the concatenation of `parts`.
pub(crate) fn sign(
    algorithm: Algorithm,
    key: &[u8],
    parts: &[&[u8]],
) -> Result<Vec<u8>, KeyRejected> {
    Ok(match algorithm {
        Algorithm::Sha256 => keyed(&SHA256_KEY, key, parts)?
            .finalize()
            .into_bytes()
            .to_vec(),
        Algorithm::Sha512 => keyed(&SHA512_KEY, key, parts)?
            .finalize()
            .into_bytes()
            .to_vec(),
    })
}

/// Whether `tag` is the HMAC of the concatenation of `parts`, compared in constant time.
pub(crate) fn verify(
    algorithm: Algorithm,
    key: &[u8],
    parts: &[&[u8]],
    tag: &[u8],
) -> Result<bool, KeyRejected> {
    Ok(tags_equal(&sign(algorithm, key, parts)?, tag))
}

/// Whether two tags are equal, in time independent of their contents (lengths may leak).
pub(crate) fn tags_equal(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::encoding::hex_encode;

    // RFC 4231, test case 2.
    const KEY: &[u8] = b"Jefe";
    const DATA: &[u8] = b"what do ya want for nothing?";
    const SHA256_TAG: &str = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    const SHA512_TAG: &str = "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737";

    #[test]
    fn rfc4231_case_2() {
        assert_eq!(
            hex_encode(&sign(Algorithm::Sha256, KEY, &[DATA]).unwrap()),
            SHA256_TAG
        );
        assert_eq!(
            hex_encode(&sign(Algorithm::Sha512, KEY, &[DATA]).unwrap()),
            SHA512_TAG
        );
        // Split input gives the same tag as the whole.
        assert_eq!(
            hex_encode(&sign(Algorithm::Sha256, KEY, &[&DATA[..4], &DATA[4..]]).unwrap()),
            SHA256_TAG
        );
    }

    /// Keys that are empty or zero bytes only, which HMAC takes as the empty key, are refused.
    #[test]
    fn keys_of_zero_bytes_only_are_refused() {
        for key in [&b""[..], b"\x00", &[0; 64], &[0; 200]] {
            assert_eq!(sign(Algorithm::Sha512, key, &[DATA]), Err(KeyRejected));
            assert_eq!(sign(Algorithm::Sha256, key, &[DATA]), Err(KeyRejected));
        }
        // One byte that is not zero makes a key.
        assert!(sign(Algorithm::Sha256, &[0, 0, 1], &[DATA]).is_ok());
    }

    /// The cached state of one key never signs for another: alternating keys (including a
    /// prefix of the other, and one that starts with a zero byte) give each key's own tag
    /// every time.
    #[test]
    fn key_cache_follows_the_key() {
        let keys: [&[u8]; 4] = [KEY, b"Jef", b"\x00\x01", &[0x0b; 200]];
        let fresh: Vec<Vec<u8>> = keys
            .iter()
            .map(|key| {
                let mut mac = <Hmac<Sha512> as Mac>::new_from_slice(key).unwrap();
                mac.update(DATA);
                mac.finalize().into_bytes().to_vec()
            })
            .collect();
        for round in 0..3 {
            for (key, expected) in keys.iter().zip(&fresh) {
                assert_eq!(
                    &sign(Algorithm::Sha512, key, &[DATA]).unwrap(),
                    expected,
                    "round {round}"
                );
            }
        }
        assert_eq!(
            hex_encode(&sign(Algorithm::Sha512, KEY, &[DATA]).unwrap()),
            SHA512_TAG
        );
    }

    #[test]
    fn verify_checks_every_byte_and_the_length() {
        let tag = sign(Algorithm::Sha512, KEY, &[DATA]).unwrap();
        assert!(verify(Algorithm::Sha512, KEY, &[DATA], &tag).unwrap());
        let mut flipped = tag.clone();
        flipped[63] ^= 1;
        assert!(!verify(Algorithm::Sha512, KEY, &[DATA], &flipped).unwrap());
        assert!(!verify(Algorithm::Sha512, KEY, &[DATA], &tag[..32]).unwrap());
        assert!(!verify(Algorithm::Sha512, KEY, &[DATA], &[]).unwrap());
        assert_eq!(Algorithm::Sha512.tag_len(), tag.len());
        assert!(tags_equal(&tag, &tag.clone()));
        assert!(!tags_equal(&tag, &flipped));
        assert!(!tags_equal(&tag, &tag[..63]));
    }
}
