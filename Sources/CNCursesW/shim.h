#ifndef RISKDESK_CNCURSESW_SHIM_H
#define RISKDESK_CNCURSESW_SHIM_H

/* The wide-character API of ncursesw is hidden unless this is set before <curses.h>;
   SwiftPM drops pkg-config's -D flags, so the shim sets it itself. */
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <curses.h>

/* Not visible through Swift's Glibc module. */
extern int wcwidth(wchar_t c);

/* Globals and macros that Swift cannot import directly. */
static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_lines(void) { return LINES; }
static inline int cnc_cols(void) { return COLS; }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *cnc_stdout(void) { return stdout; }
static inline FILE *cnc_stdin(void) { return stdin; }

static inline attr_t cnc_a_normal(void) { return A_NORMAL; }
static inline attr_t cnc_a_bold(void) { return A_BOLD; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_a_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_a_dim(void) { return A_DIM; }

static inline int cnc_key_f(int n) { return KEY_F(n); }
static inline int cnc_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline int cnc_getmaxy(WINDOW *w) { return getmaxy(w); }

/* Builds a cchar_t from a NUL-terminated wide string, with an extended colour pair. */
static inline int cnc_setcchar(cchar_t *cell, const wchar_t *text, attr_t attrs, int pair) {
    return setcchar(cell, text, attrs, 0, &pair);
}

/* Reads back the characters and attributes of one screen cell (used by headless tests). */
static inline int cnc_read_cell(WINDOW *w, int y, int x, wchar_t *text, int capacity, attr_t *attrs, int *pair) {
    cchar_t cell;
    if (mvwin_wch(w, y, x, &cell) == ERR) return ERR;
    wchar_t buffer[CCHARW_MAX + 1];
    short shortPair = 0;
    if (getcchar(&cell, buffer, attrs, &shortPair, pair) == ERR) return ERR;
    int i = 0;
    for (; i < capacity - 1 && buffer[i] != 0; i++) text[i] = buffer[i];
    text[i] = 0;
    return OK;
}

#endif
