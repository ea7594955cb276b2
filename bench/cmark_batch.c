/*
 * The lower bound for the Markdown work, in one process: for each "SOURCE<TAB>DESTINATION" line of
 * the list file, read the Markdown, parse it with libcmark-gfm (smart punctuation, footnotes and the
 * GitHub extensions Guidebook uses), render HTML and write it to DESTINATION (creating folders).
 *
 *   cc -O2 -o cmark-batch bench/cmark_batch.c -lcmark-gfm-extensions -lcmark-gfm
 *   cmark-batch LIST
 */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void make_parents(char *path) {
    for (char *p = path + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(path, 0755) != 0 && errno != EEXIST) { perror(path); exit(1); }
            *p = '/';
        }
    }
}

static char *read_file(const char *path, size_t *length) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)size + 1);
    if (fread(data, 1, (size_t)size, f) != (size_t)size) { perror(path); exit(1); }
    fclose(f);
    *length = (size_t)size;
    return data;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: cmark-batch LIST\n"); return 2; }
    cmark_gfm_core_extensions_ensure_registered();
    const char *names[] = {"table", "strikethrough", "autolink", "tasklist", "tagfilter"};
    int options = CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES;
    FILE *list = fopen(argv[1], "r");
    if (!list) { perror(argv[1]); return 1; }
    char line[8192];
    long pages = 0;
    while (fgets(line, sizeof line, list)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = '\0';
        char *source = line, *destination = tab + 1;
        size_t length;
        char *markdown = read_file(source, &length);
        cmark_parser *parser = cmark_parser_new(options);
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            cmark_syntax_extension *extension = cmark_find_syntax_extension(names[i]);
            if (extension) cmark_parser_attach_syntax_extension(parser, extension);
        }
        cmark_parser_feed(parser, markdown, length);
        cmark_node *document = cmark_parser_finish(parser);
        char *html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser));
        make_parents(destination);
        FILE *out = fopen(destination, "wb");
        if (!out) { perror(destination); return 1; }
        fputs(html, out);
        fclose(out);
        free(html);
        cmark_node_free(document);
        cmark_parser_free(parser);
        free(markdown);
        pages++;
    }
    fclose(list);
    printf("%ld pages\n", pages);
    return 0;
}
