//! What every handler shares: the database, the password hasher and the settings.

use crate::auth::password::Hasher;
use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub hasher: Hasher,
}
