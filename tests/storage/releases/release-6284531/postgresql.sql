-- The tables and rows release release-6284531 (commit 62845312273d47bcd599ece429dc0b3f98ee64cb) of the tracker wrote on PostgreSQL.
-- Made by tests/storage/releases/make_release_databases.py from that commit's own code: never regenerate
-- it with newer code. To load it into a schema NAME (lower-case letters, digits, underscores):
--   1. CREATE SCHEMA NAME;  (this file does not create it)
--   2. replace every __SCHEMA__ in this text with NAME;
--   3. psql -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d test -f FILE
--      or execute the whole text at once on one connection (no parameters), then discard that
--      connection: the text sets search_path to '' for the rest of its session.
--
-- PostgreSQL database dump
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: alembic_version; Type: TABLE; Schema: __SCHEMA__; Owner: -
--

CREATE TABLE __SCHEMA__.alembic_version (
    version_num character varying(32) NOT NULL
);


--
-- Name: entries; Type: TABLE; Schema: __SCHEMA__; Owner: -
--

CREATE TABLE __SCHEMA__.entries (
    id bigint NOT NULL,
    target_id character varying(64) NOT NULL,
    ref_date date NOT NULL,
    quantity_milli bigint NOT NULL,
    district character varying(64),
    village character varying(200),
    note text,
    entered_by character varying(120) NOT NULL,
    entered_at timestamp with time zone NOT NULL,
    kind character varying(16) NOT NULL,
    version integer NOT NULL,
    deleted boolean NOT NULL
);


--
-- Name: entries_id_seq; Type: SEQUENCE; Schema: __SCHEMA__; Owner: -
--

CREATE SEQUENCE __SCHEMA__.entries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: entries_id_seq; Type: SEQUENCE OWNED BY; Schema: __SCHEMA__; Owner: -
--

ALTER SEQUENCE __SCHEMA__.entries_id_seq OWNED BY __SCHEMA__.entries.id;


--
-- Name: entry_changes; Type: TABLE; Schema: __SCHEMA__; Owner: -
--

CREATE TABLE __SCHEMA__.entry_changes (
    id bigint NOT NULL,
    entry_id bigint NOT NULL,
    target_id character varying(64) NOT NULL,
    version integer NOT NULL,
    action character varying(16) NOT NULL,
    reverts_change_id bigint,
    changed_by character varying(120) NOT NULL,
    changed_at timestamp with time zone NOT NULL,
    before json,
    after json
);


--
-- Name: entry_changes_id_seq; Type: SEQUENCE; Schema: __SCHEMA__; Owner: -
--

CREATE SEQUENCE __SCHEMA__.entry_changes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: entry_changes_id_seq; Type: SEQUENCE OWNED BY; Schema: __SCHEMA__; Owner: -
--

ALTER SEQUENCE __SCHEMA__.entry_changes_id_seq OWNED BY __SCHEMA__.entry_changes.id;


--
-- Name: ledger_state; Type: TABLE; Schema: __SCHEMA__; Owner: -
--

CREATE TABLE __SCHEMA__.ledger_state (
    id integer NOT NULL,
    revision bigint NOT NULL
);


--
-- Name: ledger_state_id_seq; Type: SEQUENCE; Schema: __SCHEMA__; Owner: -
--

CREATE SEQUENCE __SCHEMA__.ledger_state_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: ledger_state_id_seq; Type: SEQUENCE OWNED BY; Schema: __SCHEMA__; Owner: -
--

ALTER SEQUENCE __SCHEMA__.ledger_state_id_seq OWNED BY __SCHEMA__.ledger_state.id;


--
-- Name: sign_in_attempts; Type: TABLE; Schema: __SCHEMA__; Owner: -
--

CREATE TABLE __SCHEMA__.sign_in_attempts (
    username character varying(40) NOT NULL,
    failures integer NOT NULL,
    paused_until timestamp with time zone,
    last_failed_at timestamp with time zone
);


--
-- Name: task_changes; Type: TABLE; Schema: __SCHEMA__; Owner: -
--

CREATE TABLE __SCHEMA__.task_changes (
    id bigint NOT NULL,
    task_id character varying(64) NOT NULL,
    version integer NOT NULL,
    action character varying(16) NOT NULL,
    note_id bigint,
    note_date date,
    before json,
    after json,
    changed_by character varying(120) NOT NULL,
    changed_at timestamp with time zone NOT NULL,
    reverts_change_id bigint
);


--
-- Name: task_changes_id_seq; Type: SEQUENCE; Schema: __SCHEMA__; Owner: -
--

CREATE SEQUENCE __SCHEMA__.task_changes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: task_changes_id_seq; Type: SEQUENCE OWNED BY; Schema: __SCHEMA__; Owner: -
--

ALTER SEQUENCE __SCHEMA__.task_changes_id_seq OWNED BY __SCHEMA__.task_changes.id;


--
-- Name: task_notes; Type: TABLE; Schema: __SCHEMA__; Owner: -
--

CREATE TABLE __SCHEMA__.task_notes (
    id bigint NOT NULL,
    task_id character varying(64) NOT NULL,
    note_date date NOT NULL,
    text text NOT NULL,
    created_by character varying(120) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    withdrawn boolean NOT NULL
);


--
-- Name: task_notes_id_seq; Type: SEQUENCE; Schema: __SCHEMA__; Owner: -
--

CREATE SEQUENCE __SCHEMA__.task_notes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: task_notes_id_seq; Type: SEQUENCE OWNED BY; Schema: __SCHEMA__; Owner: -
--

ALTER SEQUENCE __SCHEMA__.task_notes_id_seq OWNED BY __SCHEMA__.task_notes.id;


--
-- Name: task_state; Type: TABLE; Schema: __SCHEMA__; Owner: -
--

CREATE TABLE __SCHEMA__.task_state (
    task_id character varying(64) NOT NULL,
    status character varying(16) NOT NULL,
    version integer NOT NULL,
    updated_by character varying(120) NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: user_sessions; Type: TABLE; Schema: __SCHEMA__; Owner: -
--

CREATE TABLE __SCHEMA__.user_sessions (
    token_hash character varying(64) NOT NULL,
    username character varying(40) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    last_seen_at timestamp with time zone NOT NULL,
    revoked boolean NOT NULL
);


--
-- Name: users; Type: TABLE; Schema: __SCHEMA__; Owner: -
--

CREATE TABLE __SCHEMA__.users (
    username character varying(40) NOT NULL,
    display_name character varying(120) NOT NULL,
    role character varying(16) NOT NULL,
    password_hash character varying(255) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    password_changed_at timestamp with time zone NOT NULL
);


--
-- Name: entries id; Type: DEFAULT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.entries ALTER COLUMN id SET DEFAULT nextval('__SCHEMA__.entries_id_seq'::regclass);


--
-- Name: entry_changes id; Type: DEFAULT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.entry_changes ALTER COLUMN id SET DEFAULT nextval('__SCHEMA__.entry_changes_id_seq'::regclass);


--
-- Name: ledger_state id; Type: DEFAULT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.ledger_state ALTER COLUMN id SET DEFAULT nextval('__SCHEMA__.ledger_state_id_seq'::regclass);


--
-- Name: task_changes id; Type: DEFAULT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.task_changes ALTER COLUMN id SET DEFAULT nextval('__SCHEMA__.task_changes_id_seq'::regclass);


--
-- Name: task_notes id; Type: DEFAULT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.task_notes ALTER COLUMN id SET DEFAULT nextval('__SCHEMA__.task_notes_id_seq'::regclass);


--
-- Data for Name: alembic_version; Type: TABLE DATA; Schema: __SCHEMA__; Owner: -
--

INSERT INTO __SCHEMA__.alembic_version (version_num) VALUES ('0002');


--
-- Data for Name: entries; Type: TABLE DATA; Schema: __SCHEMA__; Owner: -
--

INSERT INTO __SCHEMA__.entries (id, target_id, ref_date, quantity_milli, district, village, note, entered_by, entered_at, kind, version, deleted) VALUES (1, 'workers-trained', '2017-03-15', 1200000, 'Chương Mỹ', 'Phú Vinh', 'Lớp đan mây tre giang xuất khẩu, khoá 1', 'Trần Văn Minh', '2026-11-30 11:57:38.366057+00', 'report', 1, false);
INSERT INTO __SCHEMA__.entries (id, target_id, ref_date, quantity_milli, district, village, note, entered_by, entered_at, kind, version, deleted) VALUES (3, 'workers-trained', '2017-05-10', 2300000, NULL, NULL, 'Tổng hợp các lớp khuyến công quý II
Số liệu của Sở Công Thương', 'Trần Văn Minh', '2026-11-30 11:57:38.366057+00', 'report', 1, false);
INSERT INTO __SCHEMA__.entries (id, target_id, ref_date, quantity_milli, district, village, note, entered_by, entered_at, kind, version, deleted) VALUES (5, 'village-brands', '2017-07-12', 3000, 'Hà Đông', 'Vạn Phúc', 'Lụa Vạn Phúc đăng ký thương hiệu', 'Trần Văn Minh', '2026-11-30 11:57:38.378651+00', 'report', 1, false);
INSERT INTO __SCHEMA__.entries (id, target_id, ref_date, quantity_milli, district, village, note, entered_by, entered_at, kind, version, deleted) VALUES (6, 'collective-trademarks', '2017-08-15', 2000, 'Ứng Hòa', 'Quảng Phú Cầu', 'Nhãn hiệu tập thể hương nén', 'Trần Văn Minh', '2026-11-30 11:57:38.381343+00', 'report', 1, false);
INSERT INTO __SCHEMA__.entries (id, target_id, ref_date, quantity_milli, district, village, note, entered_by, entered_at, kind, version, deleted) VALUES (7, 'fair-participants', '2017-09-08', 40000, 'Hà Đông', 'Đa Sỹ', 'Hội chợ hàng thủ công mỹ nghệ Hà Nội', 'Trần Văn Minh', '2026-11-30 11:57:38.383076+00', 'report', 1, false);
INSERT INTO __SCHEMA__.entries (id, target_id, ref_date, quantity_milli, district, village, note, entered_by, entered_at, kind, version, deleted) VALUES (8, 'machinery-projects', '2017-10-02', 2000, 'Phú Xuyên', 'Chuyên Mỹ', 'Máy cắt khảm trai điều khiển số', 'Trần Văn Minh', '2026-11-30 11:57:38.384769+00', 'report', 1, false);
INSERT INTO __SCHEMA__.entries (id, target_id, ref_date, quantity_milli, district, village, note, entered_by, entered_at, kind, version, deleted) VALUES (9, 'craft-village-exports', '2017-06-30', 180500, NULL, NULL, 'Ước tính 6 tháng đầu năm', 'Trần Văn Minh', '2026-11-30 11:57:38.386382+00', 'report', 1, false);
INSERT INTO __SCHEMA__.entries (id, target_id, ref_date, quantity_milli, district, village, note, entered_by, entered_at, kind, version, deleted) VALUES (10, 'craft-village-exports', '2017-09-30', 42750, 'Gia Lâm', 'Bát Tràng', 'Gốm sứ Bát Tràng, 9 tháng', 'Trần Văn Minh', '2026-11-30 11:57:38.389492+00', 'report', 1, false);
INSERT INTO __SCHEMA__.entries (id, target_id, ref_date, quantity_milli, district, village, note, entered_by, entered_at, kind, version, deleted) VALUES (11, 'craft-village-exports', '2017-12-31', 182125, NULL, NULL, 'Ước tính cả năm 2017', 'Trần Văn Minh', '2026-11-30 11:57:38.39156+00', 'report', 1, false);
INSERT INTO __SCHEMA__.entries (id, target_id, ref_date, quantity_milli, district, village, note, entered_by, entered_at, kind, version, deleted) VALUES (2, 'workers-trained', '2017-04-20', 880000, 'Thường Tín', 'Hạ Thái', 'Truyền nghề sơn mài cho thợ trẻ (đã đối chiếu danh sách)', 'Trần Văn Minh', '2026-11-30 11:57:38.366057+00', 'report', 2, false);
INSERT INTO __SCHEMA__.entries (id, target_id, ref_date, quantity_milli, district, village, note, entered_by, entered_at, kind, version, deleted) VALUES (12, 'workers-trained', '2017-03-15', 1200000, 'Chương Mỹ', 'Phú Vinh', 'Nhập trùng', 'Trần Văn Minh', '2026-11-30 11:57:38.395666+00', 'report', 2, true);
INSERT INTO __SCHEMA__.entries (id, target_id, ref_date, quantity_milli, district, village, note, entered_by, entered_at, kind, version, deleted) VALUES (4, 'managers-trained', '2017-06-05', 35000, 'Gia Lâm', 'Bát Tràng', 'Tập huấn quản trị cho chủ doanh nghiệp gốm sứ', 'Trần Văn Minh', '2026-11-30 11:57:38.366057+00', 'report', 3, false);
INSERT INTO __SCHEMA__.entries (id, target_id, ref_date, quantity_milli, district, village, note, entered_by, entered_at, kind, version, deleted) VALUES (13, 'fair-participants', '2017-09-30', 80000, NULL, NULL, 'Sở Công Thương báo cáo tổng số 9 tháng', 'Nguyễn Thị Lan', '2026-11-30 11:57:38.519668+00', 'adjustment', 1, false);


--
-- Data for Name: entry_changes; Type: TABLE DATA; Schema: __SCHEMA__; Owner: -
--

INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (1, 1, 'workers-trained', 1, 'create', NULL, 'Trần Văn Minh', '2026-11-30 11:57:38.366057+00', 'null', '{"target_id": "workers-trained", "ref_date": "2017-03-15", "quantity": "1200", "district": "Ch\u01b0\u01a1ng M\u1ef9", "village": "Ph\u00fa Vinh", "note": "L\u1edbp \u0111an m\u00e2y tre giang xu\u1ea5t kh\u1ea9u, kho\u00e1 1", "kind": "report"}');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (2, 2, 'workers-trained', 1, 'create', NULL, 'Trần Văn Minh', '2026-11-30 11:57:38.366057+00', 'null', '{"target_id": "workers-trained", "ref_date": "2017-04-20", "quantity": "850", "district": "Th\u01b0\u1eddng T\u00edn", "village": "H\u1ea1 Th\u00e1i", "note": "Truy\u1ec1n ngh\u1ec1 s\u01a1n m\u00e0i cho th\u1ee3 tr\u1ebb", "kind": "report"}');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (3, 3, 'workers-trained', 1, 'create', NULL, 'Trần Văn Minh', '2026-11-30 11:57:38.366057+00', 'null', '{"target_id": "workers-trained", "ref_date": "2017-05-10", "quantity": "2300", "district": null, "village": null, "note": "T\u1ed5ng h\u1ee3p c\u00e1c l\u1edbp khuy\u1ebfn c\u00f4ng qu\u00fd II\nS\u1ed1 li\u1ec7u c\u1ee7a S\u1edf C\u00f4ng Th\u01b0\u01a1ng", "kind": "report"}');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (4, 4, 'managers-trained', 1, 'create', NULL, 'Trần Văn Minh', '2026-11-30 11:57:38.366057+00', 'null', '{"target_id": "managers-trained", "ref_date": "2017-06-05", "quantity": "35", "district": "Gia L\u00e2m", "village": "B\u00e1t Tr\u00e0ng", "note": "T\u1eadp hu\u1ea5n qu\u1ea3n tr\u1ecb cho ch\u1ee7 doanh nghi\u1ec7p g\u1ed1m s\u1ee9", "kind": "report"}');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (5, 5, 'village-brands', 1, 'create', NULL, 'Trần Văn Minh', '2026-11-30 11:57:38.378651+00', 'null', '{"target_id": "village-brands", "ref_date": "2017-07-12", "quantity": "3", "district": "H\u00e0 \u0110\u00f4ng", "village": "V\u1ea1n Ph\u00fac", "note": "L\u1ee5a V\u1ea1n Ph\u00fac \u0111\u0103ng k\u00fd th\u01b0\u01a1ng hi\u1ec7u", "kind": "report"}');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (6, 6, 'collective-trademarks', 1, 'create', NULL, 'Trần Văn Minh', '2026-11-30 11:57:38.381343+00', 'null', '{"target_id": "collective-trademarks", "ref_date": "2017-08-15", "quantity": "2", "district": "\u1ee8ng H\u00f2a", "village": "Qu\u1ea3ng Ph\u00fa C\u1ea7u", "note": "Nh\u00e3n hi\u1ec7u t\u1eadp th\u1ec3 h\u01b0\u01a1ng n\u00e9n", "kind": "report"}');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (7, 7, 'fair-participants', 1, 'create', NULL, 'Trần Văn Minh', '2026-11-30 11:57:38.383076+00', 'null', '{"target_id": "fair-participants", "ref_date": "2017-09-08", "quantity": "40", "district": "H\u00e0 \u0110\u00f4ng", "village": "\u0110a S\u1ef9", "note": "H\u1ed9i ch\u1ee3 h\u00e0ng th\u1ee7 c\u00f4ng m\u1ef9 ngh\u1ec7 H\u00e0 N\u1ed9i", "kind": "report"}');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (8, 8, 'machinery-projects', 1, 'create', NULL, 'Trần Văn Minh', '2026-11-30 11:57:38.384769+00', 'null', '{"target_id": "machinery-projects", "ref_date": "2017-10-02", "quantity": "2", "district": "Ph\u00fa Xuy\u00ean", "village": "Chuy\u00ean M\u1ef9", "note": "M\u00e1y c\u1eaft kh\u1ea3m trai \u0111i\u1ec1u khi\u1ec3n s\u1ed1", "kind": "report"}');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (9, 9, 'craft-village-exports', 1, 'create', NULL, 'Trần Văn Minh', '2026-11-30 11:57:38.386382+00', 'null', '{"target_id": "craft-village-exports", "ref_date": "2017-06-30", "quantity": "180.5", "district": null, "village": null, "note": "\u01af\u1edbc t\u00ednh 6 th\u00e1ng \u0111\u1ea7u n\u0103m", "kind": "report"}');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (10, 10, 'craft-village-exports', 1, 'create', NULL, 'Trần Văn Minh', '2026-11-30 11:57:38.389492+00', 'null', '{"target_id": "craft-village-exports", "ref_date": "2017-09-30", "quantity": "42.75", "district": "Gia L\u00e2m", "village": "B\u00e1t Tr\u00e0ng", "note": "G\u1ed1m s\u1ee9 B\u00e1t Tr\u00e0ng, 9 th\u00e1ng", "kind": "report"}');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (11, 11, 'craft-village-exports', 1, 'create', NULL, 'Trần Văn Minh', '2026-11-30 11:57:38.39156+00', 'null', '{"target_id": "craft-village-exports", "ref_date": "2017-12-31", "quantity": "182.125", "district": null, "village": null, "note": "\u01af\u1edbc t\u00ednh c\u1ea3 n\u0103m 2017", "kind": "report"}');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (12, 12, 'workers-trained', 1, 'create', NULL, 'Trần Văn Minh', '2026-11-30 11:57:38.395666+00', 'null', '{"target_id": "workers-trained", "ref_date": "2017-03-15", "quantity": "1200", "district": "Ch\u01b0\u01a1ng M\u1ef9", "village": "Ph\u00fa Vinh", "note": "Nh\u1eadp tr\u00f9ng", "kind": "report"}');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (13, 2, 'workers-trained', 2, 'update', NULL, 'Nguyễn Thị Lan', '2026-11-30 11:57:38.397818+00', '{"target_id": "workers-trained", "ref_date": "2017-04-20", "quantity": "850", "district": "Th\u01b0\u1eddng T\u00edn", "village": "H\u1ea1 Th\u00e1i", "note": "Truy\u1ec1n ngh\u1ec1 s\u01a1n m\u00e0i cho th\u1ee3 tr\u1ebb", "kind": "report"}', '{"target_id": "workers-trained", "ref_date": "2017-04-20", "quantity": "880", "district": "Th\u01b0\u1eddng T\u00edn", "village": "H\u1ea1 Th\u00e1i", "note": "Truy\u1ec1n ngh\u1ec1 s\u01a1n m\u00e0i cho th\u1ee3 tr\u1ebb (\u0111\u00e3 \u0111\u1ed1i chi\u1ebfu danh s\u00e1ch)", "kind": "report"}');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (14, 12, 'workers-trained', 2, 'delete', NULL, 'Nguyễn Thị Lan', '2026-11-30 11:57:38.397818+00', '{"target_id": "workers-trained", "ref_date": "2017-03-15", "quantity": "1200", "district": "Ch\u01b0\u01a1ng M\u1ef9", "village": "Ph\u00fa Vinh", "note": "Nh\u1eadp tr\u00f9ng", "kind": "report"}', 'null');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (15, 4, 'managers-trained', 2, 'update', NULL, 'Trần Văn Minh', '2026-11-30 11:57:38.511442+00', '{"target_id": "managers-trained", "ref_date": "2017-06-05", "quantity": "35", "district": "Gia L\u00e2m", "village": "B\u00e1t Tr\u00e0ng", "note": "T\u1eadp hu\u1ea5n qu\u1ea3n tr\u1ecb cho ch\u1ee7 doanh nghi\u1ec7p g\u1ed1m s\u1ee9", "kind": "report"}', '{"target_id": "managers-trained", "ref_date": "2017-06-05", "quantity": "53", "district": "Gia L\u00e2m", "village": "B\u00e1t Tr\u00e0ng", "note": "T\u1eadp hu\u1ea5n qu\u1ea3n tr\u1ecb cho ch\u1ee7 doanh nghi\u1ec7p g\u1ed1m s\u1ee9", "kind": "report"}');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (16, 4, 'managers-trained', 3, 'revert', 15, 'Nguyễn Thị Lan', '2026-11-30 11:57:38.516078+00', '{"target_id": "managers-trained", "ref_date": "2017-06-05", "quantity": "53", "district": "Gia L\u00e2m", "village": "B\u00e1t Tr\u00e0ng", "note": "T\u1eadp hu\u1ea5n qu\u1ea3n tr\u1ecb cho ch\u1ee7 doanh nghi\u1ec7p g\u1ed1m s\u1ee9", "kind": "report"}', '{"target_id": "managers-trained", "ref_date": "2017-06-05", "quantity": "35", "district": "Gia L\u00e2m", "village": "B\u00e1t Tr\u00e0ng", "note": "T\u1eadp hu\u1ea5n qu\u1ea3n tr\u1ecb cho ch\u1ee7 doanh nghi\u1ec7p g\u1ed1m s\u1ee9", "kind": "report"}');
INSERT INTO __SCHEMA__.entry_changes (id, entry_id, target_id, version, action, reverts_change_id, changed_by, changed_at, before, after) VALUES (17, 13, 'fair-participants', 1, 'create', NULL, 'Nguyễn Thị Lan', '2026-11-30 11:57:38.519668+00', 'null', '{"target_id": "fair-participants", "ref_date": "2017-09-30", "quantity": "80", "district": null, "village": null, "note": "S\u1edf C\u00f4ng Th\u01b0\u01a1ng b\u00e1o c\u00e1o t\u1ed5ng s\u1ed1 9 th\u00e1ng", "kind": "adjustment"}');


--
-- Data for Name: ledger_state; Type: TABLE DATA; Schema: __SCHEMA__; Owner: -
--

INSERT INTO __SCHEMA__.ledger_state (id, revision) VALUES (1, 29);


--
-- Data for Name: sign_in_attempts; Type: TABLE DATA; Schema: __SCHEMA__; Owner: -
--

INSERT INTO __SCHEMA__.sign_in_attempts (username, failures, paused_until, last_failed_at) VALUES ('~cee11684a71295e03e23809f3a368c15437ad4c', 1, NULL, '2026-11-30 11:57:38.621471+00');
INSERT INTO __SCHEMA__.sign_in_attempts (username, failures, paused_until, last_failed_at) VALUES ('@cc6b08f9e38f604b3b318293a83ebb79d6cfa7b', 1, NULL, '2026-11-30 11:57:38.621471+00');


--
-- Data for Name: task_changes; Type: TABLE DATA; Schema: __SCHEMA__; Owner: -
--

INSERT INTO __SCHEMA__.task_changes (id, task_id, version, action, note_id, note_date, before, after, changed_by, changed_at, reverts_change_id) VALUES (1, 'resolve-production-obstacles', 1, 'status', NULL, NULL, '{"status": "not_started"}', '{"status": "in_progress"}', 'Trần Văn Minh', '2026-11-30 11:57:38.538779+00', NULL);
INSERT INTO __SCHEMA__.task_changes (id, task_id, version, action, note_id, note_date, before, after, changed_by, changed_at, reverts_change_id) VALUES (2, 'resolve-production-obstacles', 2, 'note', 1, '2017-04-12', 'null', '{"note_id": 1, "note_date": "2017-04-12", "text": "L\u00e0m vi\u1ec7c v\u1edbi l\u00e0ng g\u1ed1m B\u00e1t Tr\u00e0ng v\u1ec1 m\u1eb7t b\u1eb1ng s\u1ea3n xu\u1ea5t v\u00e0 x\u1eed l\u00fd n\u01b0\u1edbc th\u1ea3i."}', 'Trần Văn Minh', '2026-11-30 11:57:38.545074+00', NULL);
INSERT INTO __SCHEMA__.task_changes (id, task_id, version, action, note_id, note_date, before, after, changed_by, changed_at, reverts_change_id) VALUES (3, 'brand-building-support', 1, 'status', NULL, NULL, '{"status": "not_started"}', '{"status": "done"}', 'Nguyễn Thị Lan', '2026-11-30 11:57:38.554339+00', NULL);
INSERT INTO __SCHEMA__.task_changes (id, task_id, version, action, note_id, note_date, before, after, changed_by, changed_at, reverts_change_id) VALUES (4, 'brand-building-support', 2, 'note', 2, '2017-08-01', 'null', '{"note_id": 2, "note_date": "2017-08-01", "text": "\u0110\u00e3 h\u1ed7 tr\u1ee3 3 l\u00e0ng ngh\u1ec1: l\u1ee5a V\u1ea1n Ph\u00fac, g\u1ed1m B\u00e1t Tr\u00e0ng, m\u00e2y tre \u0111an Ph\u00fa Vinh."}', 'Nguyễn Thị Lan', '2026-11-30 11:57:38.559522+00', NULL);
INSERT INTO __SCHEMA__.task_changes (id, task_id, version, action, note_id, note_date, before, after, changed_by, changed_at, reverts_change_id) VALUES (5, 'recognise-village-titles', 1, 'note', 3, '2017-05-15', 'null', '{"note_id": 3, "note_date": "2017-05-15", "text": "Ghi nh\u1ea7m: h\u1ed3 s\u01a1 l\u00e0ng kh\u1ea3m trai Chuy\u00ean M\u1ef9"}', 'Trần Văn Minh', '2026-11-30 11:57:38.566913+00', NULL);
INSERT INTO __SCHEMA__.task_changes (id, task_id, version, action, note_id, note_date, before, after, changed_by, changed_at, reverts_change_id) VALUES (6, 'recognise-village-titles', 2, 'withdraw_note', 3, '2017-05-15', '{"note_id": 3, "note_date": "2017-05-15", "text": "Ghi nh\u1ea7m: h\u1ed3 s\u01a1 l\u00e0ng kh\u1ea3m trai Chuy\u00ean M\u1ef9"}', 'null', 'Trần Văn Minh', '2026-11-30 11:57:38.572687+00', NULL);
INSERT INTO __SCHEMA__.task_changes (id, task_id, version, action, note_id, note_date, before, after, changed_by, changed_at, reverts_change_id) VALUES (7, 'recognise-village-titles', 3, 'note', 4, '2017-06-20', 'null', '{"note_id": 4, "note_date": "2017-06-20", "text": "H\u1ed9i \u0111\u1ed3ng x\u00e9t duy\u1ec7t h\u1ecdp ng\u00e0y 20/06/2017;\n5 l\u00e0ng \u0111\u1ea1t ti\u00eau chu\u1ea9n danh hi\u1ec7u l\u00e0ng ngh\u1ec1."}', 'Trần Văn Minh', '2026-11-30 11:57:38.579634+00', NULL);
INSERT INTO __SCHEMA__.task_changes (id, task_id, version, action, note_id, note_date, before, after, changed_by, changed_at, reverts_change_id) VALUES (8, 'regional-linkage', 1, 'status', NULL, NULL, '{"status": "not_started"}', '{"status": "blocked"}', 'Trần Văn Minh', '2026-11-30 11:57:38.587662+00', NULL);
INSERT INTO __SCHEMA__.task_changes (id, task_id, version, action, note_id, note_date, before, after, changed_by, changed_at, reverts_change_id) VALUES (9, 'regional-linkage', 2, 'revert', NULL, NULL, '{"status": "blocked"}', '{"status": "not_started"}', 'Nguyễn Thị Lan', '2026-11-30 11:57:38.59117+00', 8);
INSERT INTO __SCHEMA__.task_changes (id, task_id, version, action, note_id, note_date, before, after, changed_by, changed_at, reverts_change_id) VALUES (10, 'market-connection', 1, 'status', NULL, NULL, '{"status": "not_started"}', '{"status": "in_progress"}', 'Trần Văn Minh', '2026-11-30 11:57:38.615744+00', NULL);


--
-- Data for Name: task_notes; Type: TABLE DATA; Schema: __SCHEMA__; Owner: -
--

INSERT INTO __SCHEMA__.task_notes (id, task_id, note_date, text, created_by, created_at, withdrawn) VALUES (1, 'resolve-production-obstacles', '2017-04-12', 'Làm việc với làng gốm Bát Tràng về mặt bằng sản xuất và xử lý nước thải.', 'Trần Văn Minh', '2026-11-30 11:57:38.545074+00', false);
INSERT INTO __SCHEMA__.task_notes (id, task_id, note_date, text, created_by, created_at, withdrawn) VALUES (2, 'brand-building-support', '2017-08-01', 'Đã hỗ trợ 3 làng nghề: lụa Vạn Phúc, gốm Bát Tràng, mây tre đan Phú Vinh.', 'Nguyễn Thị Lan', '2026-11-30 11:57:38.559522+00', false);
INSERT INTO __SCHEMA__.task_notes (id, task_id, note_date, text, created_by, created_at, withdrawn) VALUES (3, 'recognise-village-titles', '2017-05-15', 'Ghi nhầm: hồ sơ làng khảm trai Chuyên Mỹ', 'Trần Văn Minh', '2026-11-30 11:57:38.566913+00', true);
INSERT INTO __SCHEMA__.task_notes (id, task_id, note_date, text, created_by, created_at, withdrawn) VALUES (4, 'recognise-village-titles', '2017-06-20', 'Hội đồng xét duyệt họp ngày 20/06/2017;
5 làng đạt tiêu chuẩn danh hiệu làng nghề.', 'Trần Văn Minh', '2026-11-30 11:57:38.579634+00', false);


--
-- Data for Name: task_state; Type: TABLE DATA; Schema: __SCHEMA__; Owner: -
--

INSERT INTO __SCHEMA__.task_state (task_id, status, version, updated_by, updated_at) VALUES ('resolve-production-obstacles', 'in_progress', 2, 'Trần Văn Minh', '2026-11-30 11:57:38.545074+00');
INSERT INTO __SCHEMA__.task_state (task_id, status, version, updated_by, updated_at) VALUES ('brand-building-support', 'done', 2, 'Nguyễn Thị Lan', '2026-11-30 11:57:38.559522+00');
INSERT INTO __SCHEMA__.task_state (task_id, status, version, updated_by, updated_at) VALUES ('recognise-village-titles', 'not_started', 3, 'Trần Văn Minh', '2026-11-30 11:57:38.579634+00');
INSERT INTO __SCHEMA__.task_state (task_id, status, version, updated_by, updated_at) VALUES ('regional-linkage', 'not_started', 2, 'Nguyễn Thị Lan', '2026-11-30 11:57:38.59117+00');
INSERT INTO __SCHEMA__.task_state (task_id, status, version, updated_by, updated_at) VALUES ('market-connection', 'in_progress', 1, 'Trần Văn Minh', '2026-11-30 11:57:38.615744+00');


--
-- Data for Name: user_sessions; Type: TABLE DATA; Schema: __SCHEMA__; Owner: -
--

INSERT INTO __SCHEMA__.user_sessions (token_hash, username, created_at, expires_at, last_seen_at, revoked) VALUES ('e2275bebe7d1276632bf4ca16a369d715d1c7fbfd701a95b0aee3492a1b90c12', 'lan.nguyen', '2026-11-30 11:57:38.341567+00', '2026-11-30 23:57:38.341567+00', '2026-11-30 11:57:38.341567+00', false);
INSERT INTO __SCHEMA__.user_sessions (token_hash, username, created_at, expires_at, last_seen_at, revoked) VALUES ('15cebc067c2cebafed9e149d68687951c0b0b3ff325afd9e86a681a4b9c7d52a', 'minh.tran', '2026-11-30 11:57:38.35155+00', '2026-11-30 23:57:38.35155+00', '2026-11-30 11:57:38.35155+00', false);


--
-- Data for Name: users; Type: TABLE DATA; Schema: __SCHEMA__; Owner: -
--

INSERT INTO __SCHEMA__.users (username, display_name, role, password_hash, created_at, password_changed_at) VALUES ('lan.nguyen', 'Nguyễn Thị Lan', 'admin', '$argon2id$v=19$m=1024,t=1,p=1$yNgadKRfIrhXDMGV+Jk/jg$BZhJ95Tou9MiCiG7EOb3wTIc8SiDZ+qYeYHfRIevEOA', '2026-11-30 11:57:38.317071+00', '2026-11-30 11:57:38.317071+00');
INSERT INTO __SCHEMA__.users (username, display_name, role, password_hash, created_at, password_changed_at) VALUES ('minh.tran', 'Trần Văn Minh', 'editor', '$argon2id$v=19$m=1024,t=1,p=1$r6WXUAjoXfHRfLDeHHLi3g$/2YLd67fHP4PoR76uZNa+h+diC0rMVXtNXwA9ikkHeQ', '2026-11-30 11:57:38.329943+00', '2026-11-30 11:57:38.329943+00');
INSERT INTO __SCHEMA__.users (username, display_name, role, password_hash, created_at, password_changed_at) VALUES ('hoa.le', 'Lê Thị Hoa', 'viewer', '$argon2id$v=19$m=1024,t=1,p=1$d7JNJb/sWN3jbWK+zPhXsQ$Avvr6mgdRY5KYmkzKn9JOOxhVnIl/YLPs0R4DYTy49o', '2026-11-30 11:57:38.335708+00', '2026-11-30 11:57:38.335708+00');


--
-- Name: entries_id_seq; Type: SEQUENCE SET; Schema: __SCHEMA__; Owner: -
--

SELECT pg_catalog.setval('__SCHEMA__.entries_id_seq', 13, true);


--
-- Name: entry_changes_id_seq; Type: SEQUENCE SET; Schema: __SCHEMA__; Owner: -
--

SELECT pg_catalog.setval('__SCHEMA__.entry_changes_id_seq', 17, true);


--
-- Name: ledger_state_id_seq; Type: SEQUENCE SET; Schema: __SCHEMA__; Owner: -
--

SELECT pg_catalog.setval('__SCHEMA__.ledger_state_id_seq', 1, false);


--
-- Name: task_changes_id_seq; Type: SEQUENCE SET; Schema: __SCHEMA__; Owner: -
--

SELECT pg_catalog.setval('__SCHEMA__.task_changes_id_seq', 10, true);


--
-- Name: task_notes_id_seq; Type: SEQUENCE SET; Schema: __SCHEMA__; Owner: -
--

SELECT pg_catalog.setval('__SCHEMA__.task_notes_id_seq', 4, true);


--
-- Name: alembic_version alembic_version_pkc; Type: CONSTRAINT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.alembic_version
    ADD CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num);


--
-- Name: entries entries_pkey; Type: CONSTRAINT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.entries
    ADD CONSTRAINT entries_pkey PRIMARY KEY (id);


--
-- Name: entry_changes entry_changes_pkey; Type: CONSTRAINT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.entry_changes
    ADD CONSTRAINT entry_changes_pkey PRIMARY KEY (id);


--
-- Name: ledger_state ledger_state_pkey; Type: CONSTRAINT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.ledger_state
    ADD CONSTRAINT ledger_state_pkey PRIMARY KEY (id);


--
-- Name: sign_in_attempts sign_in_attempts_pkey; Type: CONSTRAINT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.sign_in_attempts
    ADD CONSTRAINT sign_in_attempts_pkey PRIMARY KEY (username);


--
-- Name: task_changes task_changes_pkey; Type: CONSTRAINT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.task_changes
    ADD CONSTRAINT task_changes_pkey PRIMARY KEY (id);


--
-- Name: task_notes task_notes_pkey; Type: CONSTRAINT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.task_notes
    ADD CONSTRAINT task_notes_pkey PRIMARY KEY (id);


--
-- Name: task_state task_state_pkey; Type: CONSTRAINT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.task_state
    ADD CONSTRAINT task_state_pkey PRIMARY KEY (task_id);


--
-- Name: user_sessions user_sessions_pkey; Type: CONSTRAINT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.user_sessions
    ADD CONSTRAINT user_sessions_pkey PRIMARY KEY (token_hash);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (username);


--
-- Name: ix_entries_target_date; Type: INDEX; Schema: __SCHEMA__; Owner: -
--

CREATE INDEX ix_entries_target_date ON __SCHEMA__.entries USING btree (target_id, deleted, ref_date, quantity_milli);


--
-- Name: ix_entry_changes_entry_id; Type: INDEX; Schema: __SCHEMA__; Owner: -
--

CREATE INDEX ix_entry_changes_entry_id ON __SCHEMA__.entry_changes USING btree (entry_id);


--
-- Name: ix_entry_changes_target; Type: INDEX; Schema: __SCHEMA__; Owner: -
--

CREATE INDEX ix_entry_changes_target ON __SCHEMA__.entry_changes USING btree (target_id, id);


--
-- Name: ix_task_changes_task; Type: INDEX; Schema: __SCHEMA__; Owner: -
--

CREATE INDEX ix_task_changes_task ON __SCHEMA__.task_changes USING btree (task_id, id);


--
-- Name: ix_task_notes_task; Type: INDEX; Schema: __SCHEMA__; Owner: -
--

CREATE INDEX ix_task_notes_task ON __SCHEMA__.task_notes USING btree (task_id, withdrawn, note_date);


--
-- Name: ix_user_sessions_username; Type: INDEX; Schema: __SCHEMA__; Owner: -
--

CREATE INDEX ix_user_sessions_username ON __SCHEMA__.user_sessions USING btree (username);


--
-- Name: entry_changes entry_changes_entry_id_fkey; Type: FK CONSTRAINT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.entry_changes
    ADD CONSTRAINT entry_changes_entry_id_fkey FOREIGN KEY (entry_id) REFERENCES __SCHEMA__.entries(id);


--
-- Name: task_changes task_changes_note_id_fkey; Type: FK CONSTRAINT; Schema: __SCHEMA__; Owner: -
--

ALTER TABLE ONLY __SCHEMA__.task_changes
    ADD CONSTRAINT task_changes_note_id_fkey FOREIGN KEY (note_id) REFERENCES __SCHEMA__.task_notes(id);


--
-- PostgreSQL database dump complete
--


