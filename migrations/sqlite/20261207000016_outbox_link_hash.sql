-- The outbox keeps no link's token (SPEC 12): a mail with a link (an invitation, a password
-- reset) keeps only the hash its invitation or reset is stored under; the sender makes a new
-- token at the moment it sends, stores its hash there and puts the token in the mail, so
-- neither the database nor a backup of it holds a usable link. Tokens kept in clear before
-- are dropped (SQLite cannot hash them here: such a mail not yet sent goes without its link).
ALTER TABLE outbox ADD COLUMN link_hash TEXT;
ALTER TABLE outbox DROP COLUMN secret;
