-- Sign-in attempts are counted before the password is checked (SPEC 8): an attempt is written
-- pending, becomes a failure when the password was wrong, and is deleted when it was right.
-- Rows from before this migration are failures.
ALTER TABLE sign_in_failures ADD COLUMN pending BOOLEAN NOT NULL DEFAULT FALSE;
