-- Dates are accepted in the years 1900 to 9999 only (SPEC 8). Dates stored before that rule
-- (a competency "expiring" in year 0 made every page of its organization fail) are brought
-- to the nearest end of that range; the lists kept on the organization follow by their
-- triggers.
UPDATE competencies SET expires_on = DATE '1900-01-01' WHERE expires_on < DATE '1900-01-01';
UPDATE competencies SET expires_on = DATE '9999-12-31' WHERE expires_on > DATE '9999-12-31';
UPDATE organizations SET isv_connect_enrolled_on = DATE '1900-01-01'
    WHERE isv_connect_enrolled_on < DATE '1900-01-01';
UPDATE organizations SET isv_connect_enrolled_on = DATE '9999-12-31'
    WHERE isv_connect_enrolled_on > DATE '9999-12-31';
