/* SPDX-License-Identifier: MIT */
/*
 * SYSTEM CONFIG grammar.
 *
 * The scanner delivers one statement at a time, ended by EOS: an optional record
 * qualifier, a head keyword token (H_*) and the operands, with each modelled
 * statement's own keywords already classified (K_*).  Statements zvmc does not
 * model have the head H_GENERIC and any operands.  A syntax error discards the
 * rest of its statement and parsing resumes at the next one.
 *
 * Every value lives in the parse arena, which is freed with the tree, so no
 * %destructor is needed: error recovery cannot leak.
 */
%define api.pure full
%define api.prefix {zvmc_sc_yy}
%define api.location.type {zvmc_loc}
%locations
%param {yyscan_t scanner}
%parse-param {sc_parse *p}
%expect 0

%code requires {
#include "parse/sysconfig_parse.h"
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
/* A location is a byte range; a rule spans its first to its last symbol. */
#define YYLLOC_DEFAULT(Cur, Rhs, N) do { \
        if (N) { (Cur).file = YYRHSLOC(Rhs, 1).file; (Cur).begin = YYRHSLOC(Rhs, 1).begin; \
                 (Cur).end = YYRHSLOC(Rhs, N).end; } \
        else { (Cur).file = YYRHSLOC(Rhs, 0).file; (Cur).begin = (Cur).end = YYRHSLOC(Rhs, 0).end; } \
    } while (0)
}

%code {
#include "sysconfig.lex.h"
static void zvmc_sc_yyerror(const zvmc_loc *loc, yyscan_t scanner, sc_parse *p, const char *msg);
#define NEW(kind, head) sc_new_stmt(p, kind, &(head))
#define CHECK(x) do { if (!(x)) YYNOMEM; } while (0)
/* A statement takes the list of names just read (sc_names_take). */
#define TAKE(l) CHECK(sc_names_take(p, &(l)))
}

%union {
    sc_tok tok;
    sc_stmt *stmt;
    sc_name name;
    sc_area area;
}

%token <tok> QUALIFIER "record qualifier" WORD "word" NUMBER "number" STRING "quoted string"
%token <tok> STRAY "stray character"
%token EOS "end of statement"
%token TOK_ERROR "invalid token"

%token <tok> H_GENERIC "statement"
%token <tok> H_SYSTEM_IDENTIFIER "System_Identifier" H_SYSTEM_IDENTIFIER_DEFAULT "System_Identifier_Default"
%token <tok> H_SSI "SSI" H_SYSTEM_RESIDENCE "System_Residence" H_CP_OWNED "CP_Owned"
%token <tok> H_ACTIVATE "ACTIVATE" H_RDEVICE "RDEVICE"
%token <tok> H_XLINK_SYSTEM_INCLUDE "XLINK_System_Include" H_XLINK_SYSTEM_EXCLUDE "XLINK_System_Exclude"
%token <tok> H_XLINK_VOLUME_INCLUDE "XLINK_Volume_Include" H_XLINK_VOLUME_EXCLUDE "XLINK_Volume_Exclude"
%token <tok> H_XSPOOL_SYSTEM "XSPOOL_SYSTEM" H_XSPOOL_XLIST_INPUT "XSPOOL_XLIST_INPUT"
%token <tok> H_XSPOOL_XLIST_OUTPUT "XSPOOL_XLIST_OUTPUT"
%token <tok> H_IMBED "IMBED" H_BEGIN "BEGIN" H_END "END"
%token <tok> H_USER_VOLUME_LIST "User_Volume_List" H_USER_VOLUME_INCLUDE "User_Volume_Include"
%token <tok> H_RELOCATION_DOMAIN "Relocation_Domain" H_VMLAN "VMLAN" H_DEFINE "DEFINE"

%token <tok> K_LPAR "LPAR" K_PDR_VOLUME "PDR_VOLUME" K_SLOT "SLOT"
%token <tok> K_CHECKPOINT "CHECKPOINT" K_WARMSTART "WARMSTART" K_VOLID "VOLID" K_FROM "FROM"
%token <tok> K_CYLINDER "CYLINDER" K_PAGE "PAGE" K_FOR "FOR"
%token <tok> K_OWN "OWN" K_SHARED "SHARED" K_RESERVED "RESERVED"
%token <tok> K_ISLINK "ISLINK" K_NODE "NODE" K_BUFFERS "BUFFERS"
%token <tok> K_EQID "EQID" K_TYPE "TYPE" K_SHARE_SPOOL "SHARE_SPOOL" K_MEMBERS "MEMBERS"
%token <tok> K_MACPREFIX "MACPREFIX" K_USERPREFIX "USERPREFIX" K_VSWITCH "VSWITCH"

%type <stmt> stmt sysid sysid_default ssi sysres cpowned activate rdev
%type <stmt> xlink_sys_inc xlink_sys_exc xlink_vol_inc xlink_vol_exc xspool_sys xlist imbed
%type <stmt> begin_end uservol reldom vmlan define generic
%type <tok> any
%type <name> name
%type <area> area

%%

file
    : %empty
    | file record
    ;

record
    : stmt EOS                  { sc_finish_stmt(p, $1, NULL, @$); }
    | QUALIFIER stmt EOS        { sc_finish_stmt(p, $2, &$1, @$); }
    | error EOS                 { sc_reset_stmt(p); yyerrok; }
    ;

stmt
    : sysid | sysid_default | ssi | sysres | cpowned | activate | rdev
    | xlink_sys_inc | xlink_sys_exc | xlink_vol_inc | xlink_vol_exc | xspool_sys | xlist
    | imbed | begin_end | uservol | reldom | vmlan | define | generic
    ;

name
    : WORD                      { $$ = sc_make_name(p, &$1); }
    | NUMBER                    { $$ = sc_make_name(p, &$1); }
    ;

/* No value: the names gather in the parse state, and the statement that ends
 * with them takes them (TAKE), copied at their exact length. */
names
    : name                      { CHECK(sc_names_start(p, $1)); }
    | names name                { CHECK(sc_names_push(p, $2)); }
    ;

any: WORD | NUMBER | STRING ;

anys
    : %empty
    | anys any
    ;

/* System_Identifier LPAR lparname sysname | System_Identifier type cpuid sysname */
sysid
    : H_SYSTEM_IDENTIFIER K_LPAR name name {
          CHECK($$ = NEW(SC_SYSTEM_IDENTIFIER, $1));
          $$->u.sysid->lpar = 1; $$->u.sysid->lpar_name = $3; $$->u.sysid->sysname = $4; }
    | H_SYSTEM_IDENTIFIER name name name {
          CHECK($$ = NEW(SC_SYSTEM_IDENTIFIER, $1));
          $$->u.sysid->machine_type = $2; $$->u.sysid->cpuid = $3; $$->u.sysid->sysname = $4; }
    ;

sysid_default
    : H_SYSTEM_IDENTIFIER_DEFAULT name {
          CHECK($$ = NEW(SC_SYSTEM_IDENTIFIER_DEFAULT, $1)); $$->u.sysid_default.sysname = $2; }
    ;

/* SSI name [PDR_VOLUME volid] [SLOT n member]... */
ssi
    : H_SSI name                { CHECK($$ = NEW(SC_SSI, $1)); $$->u.ssi.name = $2; }
    | ssi K_PDR_VOLUME name     { $$ = $1; $$->u.ssi.pdr = $3; }
    | ssi K_SLOT NUMBER name    {
          $$ = $1;
          CHECK(sc_slot_add($$, p, sc_make_num(p, &$3), $4)); }
    ;

/* System_Residence CHECKpoint VOLid v FROM CYL|PAGE n FOR n, WARMstart ... */
sysres
    : H_SYSTEM_RESIDENCE        { CHECK($$ = NEW(SC_SYSTEM_RESIDENCE, $1)); }
    | sysres K_CHECKPOINT area  { $$ = $1; $$->u.sysres->checkpoint = $3; }
    | sysres K_WARMSTART area   { $$ = $1; $$->u.sysres->warmstart = $3; }
    ;

area
    : K_VOLID name K_FROM K_CYLINDER NUMBER K_FOR NUMBER {
          $$.present = 1; $$.volid = $2; $$.pages = 0;
          $$.from = sc_make_num(p, &$5); $$.count = sc_make_num(p, &$7); }
    | K_VOLID name K_FROM K_PAGE NUMBER K_FOR NUMBER {
          $$.present = 1; $$.volid = $2; $$.pages = 1;
          $$.from = sc_make_num(p, &$5); $$.count = sc_make_num(p, &$7); }
    ;

/* CP_Owned SLOT n volid [OWN|SHARED] | CP_Owned SLOT n RESERVED */
cpowned
    : H_CP_OWNED K_SLOT NUMBER name {
          CHECK($$ = NEW(SC_CP_OWNED, $1));
          $$->u.cpowned.slot = sc_make_num(p, &$3); $$->u.cpowned.volid = $4; }
    | H_CP_OWNED K_SLOT NUMBER K_RESERVED {
          CHECK($$ = NEW(SC_CP_OWNED, $1));
          $$->u.cpowned.slot = sc_make_num(p, &$3); $$->u.cpowned.reserved = 1; }
    | cpowned K_OWN             { $$ = $1; $$->u.cpowned.own = 1; }
    | cpowned K_SHARED          { $$ = $1; $$->u.cpowned.shared = 1; }
    ;

/* ACTIVATE ISLINK rdev... [NODE name] [BUFFERS n] */
activate
    : H_ACTIVATE K_ISLINK names {
          CHECK($$ = NEW(SC_ACTIVATE_ISLINK, $1)); TAKE($$->u.islink.rdevs); }
    | activate K_NODE name      { $$ = $1; $$->u.islink.node = $3; }
    | activate K_BUFFERS NUMBER { $$ = $1; }
    | H_ACTIVATE anys           { CHECK($$ = NEW(SC_GENERIC, $1)); }
    ;

/* RDEVice rdev[-rdev] [EQID eqid] [TYPE type] [other operands] */
rdev
    : H_RDEVICE name            { CHECK($$ = NEW(SC_RDEVICE, $1)); $$->u.rdev.range = $2; }
    | rdev K_EQID name          { $$ = $1; $$->u.rdev.eqid = $3; }
    | rdev K_TYPE name          { $$ = $1; $$->u.rdev.type = $3; }
    | rdev any                  { $$ = $1; }
    ;

xlink_sys_inc
    : H_XLINK_SYSTEM_INCLUDE K_SLOT NUMBER name {
          CHECK($$ = NEW(SC_XLINK_SYSTEM_INCLUDE, $1));
          $$->u.xlink_inc.slot = sc_make_num(p, &$3); $$->u.xlink_inc.sysname = $4; }
    | H_XLINK_SYSTEM_INCLUDE name {
          CHECK($$ = NEW(SC_XLINK_SYSTEM_INCLUDE, $1)); $$->u.xlink_inc.sysname = $2; }
    ;

xlink_sys_exc
    : H_XLINK_SYSTEM_EXCLUDE names {
          CHECK($$ = NEW(SC_XLINK_SYSTEM_EXCLUDE, $1)); TAKE($$->u.xlist.names); }
    ;

xlink_vol_inc
    : H_XLINK_VOLUME_INCLUDE names {
          CHECK($$ = NEW(SC_XLINK_VOLUME_INCLUDE, $1)); TAKE($$->u.xlist.names); }
    | xlink_vol_inc K_CYLINDER NUMBER { $$ = $1; $$->u.xlist.cylinder = sc_make_num(p, &$3); }
    ;

xlink_vol_exc
    : H_XLINK_VOLUME_EXCLUDE names {
          CHECK($$ = NEW(SC_XLINK_VOLUME_EXCLUDE, $1)); TAKE($$->u.xlist.names); }
    ;

/* XSPOOL_SYSTEM SLOT n sysname [SHARE_SPOOL YES|NO] */
xspool_sys
    : H_XSPOOL_SYSTEM K_SLOT NUMBER name {
          CHECK($$ = NEW(SC_XSPOOL_SYSTEM, $1));
          $$->u.xspool.slot = sc_make_num(p, &$3); $$->u.xspool.sysname = $4; }
    | xspool_sys K_SHARE_SPOOL name { $$ = $1; $$->u.xspool.share_spool = $3; }
    ;

xlist
    : H_XSPOOL_XLIST_INPUT names  { CHECK($$ = NEW(SC_XSPOOL_XLIST_INPUT, $1)); TAKE($$->u.xlist.names); }
    | H_XSPOOL_XLIST_OUTPUT names { CHECK($$ = NEW(SC_XSPOOL_XLIST_OUTPUT, $1)); TAKE($$->u.xlist.names); }
    ;

imbed
    : H_IMBED names             { CHECK($$ = NEW(SC_IMBED, $1)); TAKE($$->u.imbed.names); }
    ;

begin_end
    : H_BEGIN                   { CHECK($$ = NEW(SC_BEGIN, $1)); }
    | H_END                     { CHECK($$ = NEW(SC_END, $1)); }
    ;

uservol
    : H_USER_VOLUME_LIST names    { CHECK($$ = NEW(SC_USER_VOLUME_LIST, $1)); TAKE($$->u.uservol.volumes); }
    | H_USER_VOLUME_INCLUDE names { CHECK($$ = NEW(SC_USER_VOLUME_INCLUDE, $1)); TAKE($$->u.uservol.volumes); }
    ;

/* Relocation_Domain name MEMBERS sys... */
reldom
    : H_RELOCATION_DOMAIN name K_MEMBERS names {
          CHECK($$ = NEW(SC_RELOCATION_DOMAIN, $1));
          $$->u.reldom.name = $2; TAKE($$->u.reldom.members); }
    ;

/* VMLAN MACPREFIX xxxxxx | USERPREFIX xxxxxx | other operands */
vmlan
    : H_VMLAN                   { CHECK($$ = NEW(SC_VMLAN, $1)); }
    | vmlan K_MACPREFIX name    { $$ = $1; $$->u.vmlan.macprefix = $3; }
    | vmlan K_USERPREFIX name   { $$ = $1; $$->u.vmlan.userprefix = $3; }
    | vmlan any                 { $$ = $1; }
    ;

/* DEFINE VSWITCH name ... is modelled; any other DEFINE is generic */
define
    : H_DEFINE K_VSWITCH name define_rest {
          CHECK($$ = NEW(SC_DEFINE_VSWITCH, $1)); $$->u.vswitch.name = $3; }
    | H_DEFINE any define_rest  { CHECK($$ = NEW(SC_GENERIC, $1)); }
    | H_DEFINE                  { CHECK($$ = NEW(SC_GENERIC, $1)); }
    ;

/* VSWITCH may appear again later in any DEFINE (e.g. DEFINE NIC ... VSWITCH) */
define_rest
    : %empty
    | define_rest any
    | define_rest K_VSWITCH
    ;

generic
    : H_GENERIC anys            { CHECK($$ = NEW(SC_GENERIC, $1)); }
    ;

%%

static void zvmc_sc_yyerror(const zvmc_loc *loc, yyscan_t scanner, sc_parse *p, const char *msg)
{
    (void)scanner;
    sc_syntax_error(p, *loc, msg);
}
