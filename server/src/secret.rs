//! Secrets and codes: facilitator keys, participant tokens and join codes. Secrets are random,
//! shown to their owner once, and stored only as SHA-256 hashes, so a copy of the database does
//! not let anyone act as a facilitator or participant.
//!
//! A presented secret is hashed and the hash looked up; the secret is never compared with
//! anything, so there is no comparison whose timing could leak it. The lookup's timing could
//! only hint at the hash of a guess, and a matching preimage is out of reach. Secrets never
//! appear in logs: nothing here or in the callers logs one.

use sha2::{Digest, Sha256};

/// Random bytes in a key or token: 256 bits, beyond guessing.
const SECRET_BYTES: usize = 32;
/// Join codes are this many decimal digits.
pub const JOIN_CODE_DIGITS: usize = 8;

#[derive(Debug, thiserror::Error)]
#[error("the operating system's random source failed: {0}")]
pub struct RandomError(getrandom::Error);

/// Which kind of bearer secret; the prefix tells an operator which one they are looking at.
#[derive(Debug, Clone, Copy)]
pub enum SecretKind {
    FacilitatorKey,
    ParticipantToken,
    ProjectorKey,
}

/// Makes a new secret: `f_`, `p_` or `v_` (for "view") and 64 hex digits.
pub fn new_secret(kind: SecretKind) -> Result<String, RandomError> {
    let mut bytes = [0u8; SECRET_BYTES];
    getrandom::fill(&mut bytes).map_err(RandomError)?;
    let prefix = match kind {
        SecretKind::FacilitatorKey => "f_",
        SecretKind::ParticipantToken => "p_",
        SecretKind::ProjectorKey => "v_",
    };
    Ok(format!("{prefix}{}", hex::encode(bytes)))
}

/// What the database stores instead of a secret.
pub fn hash_secret(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// A random 8-digit join code. Digits read aloud the same in Finnish, Swedish and English and
/// get a number pad on phones.
pub fn new_join_code() -> Result<String, RandomError> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(RandomError)?;
    // 2^64 is so much larger than 10^8 that the modulo bias is below 10^-10.
    let n = u64::from_le_bytes(bytes) % 10u64.pow(JOIN_CODE_DIGITS as u32);
    Ok(format!("{n:0width$}", width = JOIN_CODE_DIGITS))
}

/// A typed-in join code with spaces and dashes removed, or `None` if it cannot be a code.
pub fn normalize_join_code(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}'))
        .collect();
    (code.len() == JOIN_CODE_DIGITS && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_distinct_and_prefixed() {
        let a = new_secret(SecretKind::FacilitatorKey).expect("random");
        let b = new_secret(SecretKind::FacilitatorKey).expect("random");
        assert!(a.starts_with("f_") && a.len() == 66);
        assert_ne!(a, b);
        assert_ne!(hash_secret(&a), hash_secret(&b));
    }

    #[test]
    fn join_codes_are_eight_digits_and_typing_noise_is_ignored() {
        let code = new_join_code().expect("random");
        assert_eq!(code.len(), 8);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(
            normalize_join_code("0482 1590").as_deref(),
            Some("04821590")
        );
        assert_eq!(
            normalize_join_code("0482-1590").as_deref(),
            Some("04821590")
        );
        assert_eq!(normalize_join_code("0482159"), None);
        assert_eq!(normalize_join_code("ABCD1234"), None);
    }
}
