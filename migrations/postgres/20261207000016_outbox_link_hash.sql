-- The outbox keeps no link's token (SPEC 12): a mail with a link (an invitation, a password
-- reset) keeps only the hash its invitation or reset is stored under; the sender makes a new
-- token at the moment it sends, stores its hash there and puts the token in the mail, so
-- neither the database nor a backup of it holds a usable link. A token kept in clear before
-- is replaced by its hash (as `auth::secret::hash_token` makes it).
ALTER TABLE outbox ADD COLUMN link_hash TEXT;
UPDATE outbox SET link_hash = encode(sha256(convert_to(secret, 'UTF8')), 'hex')
    WHERE secret IS NOT NULL AND sent_at IS NULL;
ALTER TABLE outbox DROP COLUMN secret;
