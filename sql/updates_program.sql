-- The update side of programs and their children in the engine: program
-- fields (applicableTo only while Draft, products of the vendor), templates
-- (one Default per type, no un-defaulting, delete) and parameter groups, with
-- actors, audit and bad input.
\i test/fixtures/reset.sql
\i test/fixtures/accounts.sql
INSERT INTO enrollment.products (id, vendor_id, name) VALUES
    ('PRD-1111-2222', 'ACC-1000-0001', 'Microsoft Teams'),
    ('PRD-2222-1111', 'ACC-1000-0002', 'Adobe Acrobat');
\i test/fixtures/program.sql
SET search_path = enrollment, public;
SELECT mpt_id_child(:'prg', 'PTM', 1) AS ptm_proc, mpt_id_child(:'prg', 'PTM', 2) AS ptm_query,
       mpt_id_child(:'prg', 'PTM', 3) AS ptm_done, mpt_id_child(:'prg', 'PPG', 1) AS ppg_default \gset
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT program_create('Microsoft Draft', 'Buyer') AS p_draft \gset
SELECT act_as('ACC-1000-0002', 'USR-1000-0002') IS NOT NULL AS other_vendor;
SELECT program_create('Adobe Draft', 'Licensee') AS p_adobe \gset

-- programs: the vendor changes any field; applicableTo only while Draft
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT revision AS rev FROM programs WHERE id = :'prg' \gset
SELECT program_update(:'prg', name => 'Microsoft AI Cloud Partner Program', website => 'https://partner.microsoft.com/ai',
       short_description => 'AI partners', long_description => 'For partners building AI solutions.',
       icon => '/static/ai.png', eligibility_partner => false, product_ids => '{PRD-1111-1111,PRD-1111-2222,PRD-1111-1111}') = :'prg' AS updated;
SELECT name, website, short_description, long_description, icon, eligibility_client, eligibility_partner,
       applicable_to, revision - :rev AS revisions, updated_by, status FROM programs WHERE id = :'prg';
SELECT product_id FROM program_products WHERE program_id = :'prg' ORDER BY 1;
SELECT event, from_status, to_status, by_user_id, notes FROM history WHERE object_id = :'prg' ORDER BY id DESC LIMIT 1;
-- unchanged values are no change; an empty product list empties it
SELECT program_update(:'prg', name => 'Microsoft AI Cloud Partner Program', applicable_to => 'Buyer',
       product_ids => '{PRD-1111-2222,PRD-1111-1111}') = :'prg' AS same;
SELECT revision - :rev AS revisions FROM programs WHERE id = :'prg';
SELECT program_update(:'prg', product_ids => '{}') = :'prg' AS emptied;
SELECT count(*) AS products, (SELECT revision - :rev FROM programs WHERE id = :'prg') AS revisions
  FROM program_products WHERE program_id = :'prg';
SELECT program_update(:'prg', applicable_to => 'Licensee');
SELECT program_update(:'p_draft', applicable_to => 'Licensee', eligibility_client => false, eligibility_partner => true) = :'p_draft' AS updated;
SELECT applicable_to, eligibility_client, eligibility_partner FROM programs WHERE id = :'p_draft';
-- bad input
SELECT program_update(:'prg', name => '');
SELECT program_update(:'prg', name => repeat('x', 501));
SELECT program_update(:'prg', website => repeat('x', 2001));
SELECT program_update(:'prg', short_description => repeat('x', 1001));
SELECT program_update(:'prg', long_description => repeat('x', 20001));
SELECT program_update(:'prg', icon => repeat('x', 2001));
SELECT program_update(:'p_draft', applicable_to => 'Seller');
SELECT program_update(:'p_draft', eligibility_partner => false);
SELECT program_update(:'prg', product_ids => '{PRD-2222-1111}');
SELECT program_update(:'prg', product_ids => '{PRD-1111-1111,PRD-9999-9999}');
SELECT program_update(:'prg', product_ids => ARRAY[NULL]::mpt_id[]);
SELECT program_update('PRG-0000-0000', name => 'x');
SELECT program_update(:'p_adobe', name => 'x');
-- actors: another vendor and a client see the Published program but may not change it, ops neither
SELECT act_as('ACC-1000-0002', 'USR-1000-0002') IS NOT NULL AS other_vendor;
SELECT program_update(:'prg', name => 'x');
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT program_update(:'prg', name => 'x');
SELECT program_update(:'p_draft', name => 'x');
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS ops;
SELECT program_update(:'prg', name => 'x');
-- a Deleted program takes no change
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT program_create('Short-lived', 'Buyer') AS p_gone \gset
SELECT program_delete(:'p_gone') IS NOT NULL AS deleted;
SELECT program_update(:'p_gone', name => 'x');

-- templates: rename, rewrite, promote (demoting the previous Default), never un-default
SELECT template_create(:'prg', 'Missing MPN', 'Please provide your MPN ID.', 'EnrollmentQuerying') AS ptm_mpn \gset
SELECT template_update(:'ptm_mpn', name => 'MPN needed', content => 'We need your MPN ID: {{ PPM-0001 }}.') = :'ptm_mpn' AS updated;
SELECT id, name, content, is_default, updated_by FROM templates WHERE id = :'ptm_mpn';
SELECT template_update(:'ptm_mpn', is_default => true) = :'ptm_mpn' AS promoted;
SELECT id, type, is_default, updated_by IS NOT NULL AS touched FROM templates WHERE program_id = :'prg' ORDER BY id;
SELECT object_id, event, from_status, to_status, notes FROM history WHERE object_type = 'Template' AND program_id = :'prg' ORDER BY id;
SELECT template_update(:'ptm_mpn', is_default => false);
SELECT template_update(:'ptm_mpn', is_default => true, name => 'MPN needed') = :'ptm_mpn' AS same;
SELECT count(*) AS template_history FROM history WHERE object_type = 'Template' AND program_id = :'prg';
SELECT template_update(:'ptm_mpn', content => repeat('x', 4001));
SELECT template_update(:'ptm_mpn', content => '');
SELECT template_update(:'ptm_mpn', name => ' ');
SELECT template_update('PTM-0000-0000-0001', name => 'x');
SELECT template_update(mpt_id_child(:'p_adobe', 'PTM', 1), name => 'x');
-- delete: not a Default; then it is gone for updates and deletes, enrollments keep the reference
SELECT template_delete(:'ptm_mpn');
SELECT template_delete(:'ptm_query') = :'ptm_query' AS deleted;
SELECT id, status, is_default FROM templates WHERE id = :'ptm_query';
SELECT template_delete(:'ptm_query');
SELECT template_update(:'ptm_query', name => 'x');
SELECT object_id, event, from_status, to_status FROM history WHERE object_id = :'ptm_query';
-- actors
SELECT act_as('ACC-1000-0002', 'USR-1000-0002') IS NOT NULL AS other_vendor;
SELECT template_update(:'ptm_proc', name => 'x');
SELECT template_delete(mpt_id_child(:'p_draft', 'PTM', 1));
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT template_update(:'ptm_proc', name => 'x');
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS ops;
SELECT template_delete(:'ptm_done');
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT template_update(mpt_id_child(:'p_gone', 'PTM', 1), name => 'x');

-- parameter groups: create, update, promote, delete
SELECT parameter_group_create(:'prg', 'Company', 'Your company', 'Who you are', 10) AS ppg_company \gset
SELECT parameter_group_create(:'prg', 'Contacts', display_order => 20, is_default => true) AS ppg_contacts \gset
SELECT id, name, label, description, display_order, is_default, created_by FROM parameter_groups
 WHERE program_id = :'prg' ORDER BY id;
SELECT parameter_group_update(:'ppg_company', label => 'Company details', display_order => 5, is_default => true) = :'ppg_company' AS promoted;
SELECT id, name, label, display_order, is_default, updated_by IS NOT NULL AS touched FROM parameter_groups
 WHERE program_id = :'prg' ORDER BY id;
SELECT parameter_group_update(:'ppg_company', name => 'Company', is_default => true) = :'ppg_company' AS same;
SELECT object_id, event, notes FROM history WHERE object_type = 'ParameterGroup' ORDER BY id;
SELECT parameter_group_update(:'ppg_company', is_default => false);
SELECT parameter_group_delete(:'ppg_company');
-- a group with an active parameter cannot go; with only deleted ones it can
UPDATE parameters SET group_id = :'ppg_contacts' WHERE program_id = :'prg' AND external_id IN ('mpnId', 'contact');
SELECT parameter_group_delete(:'ppg_contacts');
UPDATE parameters SET status = 'Deleted' WHERE program_id = :'prg' AND external_id = 'mpnId';
SELECT parameter_group_delete(:'ppg_contacts');
UPDATE parameters SET status = 'Deleted' WHERE program_id = :'prg' AND external_id = 'contact';
SELECT parameter_group_delete(:'ppg_contacts') = :'ppg_contacts' AS deleted;
SELECT external_id, group_id, status FROM parameters WHERE program_id = :'prg' ORDER BY display_order;
SELECT parameter_group_delete(:'ppg_contacts');
SELECT object_id, event FROM history WHERE object_id = :'ppg_contacts' ORDER BY id;
-- bad input
SELECT parameter_group_create(:'prg', NULL);
SELECT parameter_group_create(:'prg', repeat('x', 501));
SELECT parameter_group_create(:'prg', 'x', repeat('x', 501));
SELECT parameter_group_create(:'prg', 'x', description => repeat('x', 4001));
SELECT parameter_group_update(:'ppg_company', name => '');
SELECT parameter_group_create('PRG-0000-0000', 'x');
SELECT parameter_group_create(:'p_gone', 'x');
SELECT parameter_group_update('PPG-0000-0000-0001', name => 'x');
-- actors
SELECT act_as('ACC-1000-0002', 'USR-1000-0002') IS NOT NULL AS other_vendor;
SELECT parameter_group_create(:'prg', 'x');
SELECT parameter_group_update(:'ppg_company', name => 'x');
SELECT parameter_group_delete(mpt_id_child(:'p_draft', 'PPG', 1));
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT parameter_group_update(:'ppg_company', name => 'x');
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS ops;
SELECT parameter_group_delete(:'ppg_default');
