//! What the portal keeps on disk is readable by its own user only (SPEC 8): the SQLite
//! database, the document folder and backups hold every partner's data and every password
//! hash. New files get owner-only modes from the process's umask; files and folders made
//! before (an earlier version, or a folder someone created) are narrowed when opened.

use std::path::Path;

/// Files and folders the process creates from now on are its user's only (0600 / 0700).
pub fn owner_only_from_now_on() {
    // SAFETY: umask only sets the process's file mode creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// Narrows an existing file to 0600, or a folder to 0700. A path that is not there is left
/// alone.
pub fn make_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let mode = if meta.is_dir() { 0o700 } else { 0o600 };
    if meta.permissions().mode() & 0o777 != mode {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}

/// The SQLite database and the files SQLite keeps beside it.
pub fn make_database_private(db_file: &Path) -> std::io::Result<()> {
    make_private(db_file)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = db_file.as_os_str().to_owned();
        side.push(suffix);
        make_private(Path::new(&side))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn files_and_folders_are_narrowed_to_their_owner() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cosell.db");
        std::fs::write(&file, b"x").unwrap();
        std::fs::write(dir.path().join("cosell.db-wal"), b"x").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let folder = dir.path().join("documents");
        std::fs::create_dir(&folder).unwrap();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
        make_database_private(&file).unwrap();
        make_private(&folder).unwrap();
        make_private(&dir.path().join("missing")).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&dir.path().join("cosell.db-wal")), 0o600);
        assert_eq!(mode(&folder), 0o700);
    }
}
