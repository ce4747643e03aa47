-- Dates are accepted in the years 1900 to 9999 only (SPEC 8). Dates stored before that rule
-- are brought to the nearest end of that range (dates are text here: a year past 9999 is
-- longer than ten characters, a year before 1900 sorts before '1900-01-01').
UPDATE competencies SET expires_on =
    CASE WHEN length(expires_on) > 10 AND expires_on NOT LIKE '-%' THEN '9999-12-31' ELSE '1900-01-01' END
    WHERE length(expires_on) > 10 OR expires_on < '1900-01-01';
UPDATE organizations SET isv_connect_enrolled_on =
    CASE WHEN length(isv_connect_enrolled_on) > 10 AND isv_connect_enrolled_on NOT LIKE '-%' THEN '9999-12-31' ELSE '1900-01-01' END
    WHERE length(isv_connect_enrolled_on) > 10 OR isv_connect_enrolled_on < '1900-01-01';
