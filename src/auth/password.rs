//! Password hashing: argon2id with the OWASP parameters (19 MiB, 2 iterations, 1 lane).
//! Hashing is slow on purpose, so it runs on the blocking pool behind a semaphore, never on
//! an async worker; an unknown account is checked against a dummy hash so it costs the same.

use crate::error::{AppError, AppResult};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::{Arc, OnceLock};
use tokio::sync::Semaphore;

fn argon2() -> Argon2<'static> {
    // 19 MiB = 19,456 KiB; these constants are valid, so `new` cannot fail.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes synchronously; callers on the async side use [`Hasher`].
pub fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

pub fn verify_blocking(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash of a random password with the same parameters, for accounts that do not exist.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_blocking("no account has this password, it only takes the same time")
            .unwrap_or_default()
    })
}

#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
}

impl Hasher {
    pub fn new(concurrent: usize) -> Hasher {
        Hasher {
            permits: Arc::new(Semaphore::new(concurrent.max(1))),
        }
    }

    pub async fn hash(&self, password: String) -> AppResult<String> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| AppError::unavailable())?;
        actix_web::web::block(move || hash_blocking(&password))
            .await
            .map_err(|_| AppError::internal())?
            .map_err(|_| AppError::internal())
    }

    /// Verifies against `hash`, or against the dummy hash when there is no account.
    pub async fn verify(&self, password: String, hash: Option<String>) -> AppResult<bool> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| AppError::unavailable())?;
        actix_web::web::block(move || match hash {
            Some(h) => verify_blocking(&password, &h),
            None => {
                verify_blocking(&password, dummy_hash());
                false
            }
        })
        .await
        .map_err(|_| AppError::internal())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let h = hash_blocking("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_blocking("correct horse", &h));
        assert!(!verify_blocking("wrong horse", &h));
        assert!(!verify_blocking("correct horse", "not a hash"));
    }
}
