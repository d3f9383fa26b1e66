package org.ecsched.scheduler.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every relative link in the project's Markdown points at a file or folder that exists: the front page, every
 * {@code docs/*.md} (docs/design.md links each technique to the classes, tests and benchmarks where it lives) and
 * every module README. A class renamed or a test moved without its documentation fails here, naming the document,
 * the line and the link.
 *
 * <p>What counts as a link: the target of an inline Markdown link or image, {@code [text](target)} or
 * {@code ![alt](target)}, and of a link reference definition, {@code [label]: target}, outside fenced code blocks
 * and inline code. Targets with a scheme ({@code http:},
 * {@code https:}, {@code mailto:}) and pure anchors ({@code #section}) are not checked; a relative target's
 * {@code #anchor} is dropped and the path resolved against the document's folder. A target must also stay inside
 * the repository: a link that climbs out of it would pass only on a machine that happens to have the file.
 */
class DocumentationLinksTest {

    /** {@code [text](target)} or {@code [text](target "title")}; the target has no spaces or parentheses. */
    private static final Pattern LINK = Pattern.compile("\\]\\(\\s*([^()\\s]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** {@code [label]: target} at the start of a line (up to three spaces of indent), optionally with a title. */
    private static final Pattern DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?(?:\\s+.*)?$");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    /** A link as written, where it was found. */
    record Link(Path document, int line, String target) {
    }

    /** The repository root: the nearest folder up from the working directory with README.md and docs/. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (README.md, docs/ and pom.xml) above "
                + Path.of("").toAbsolutePath());
    }

    /** README.md, docs/*.md and the modules' README.md files, relative to the root. */
    static Stream<Path> documents() throws IOException {
        Path root = repositoryRoot();
        List<Path> docs = new ArrayList<>();
        docs.add(Path.of("README.md"));
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted()
                    .forEach(p -> docs.add(root.relativize(p)));
        }
        try (Stream<Path> modules = Files.list(root)) {
            modules.filter(p -> p.getFileName().toString().startsWith("scheduler."))
                    .map(p -> p.resolve("README.md")).filter(Files::isRegularFile).sorted()
                    .forEach(p -> docs.add(root.relativize(p)));
        }
        return docs.stream();
    }

    /** The links of a Markdown text, in order, skipping fenced code blocks and inline code. */
    static List<Link> links(Path document, String markdown) {
        List<Link> links = new ArrayList<>();
        boolean inFence = false;
        String[] lines = markdown.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            String text = INLINE_CODE.matcher(line).replaceAll("``");
            Matcher definition = DEFINITION.matcher(text);
            if (definition.matches()) {
                links.add(new Link(document, i + 1, definition.group(1)));
                continue;
            }
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                links.add(new Link(document, i + 1, m.group(1)));
            }
        }
        return links;
    }

    /** Whether a target is a relative path this test resolves (not a URL, not a pure anchor). */
    static boolean isRelativePath(String target) {
        return !target.startsWith("#") && !SCHEME.matcher(target).find();
    }

    /** The file or folder a relative target names, resolved against its document's folder; anchor dropped. */
    static Path resolve(Path root, Link link) {
        String path = link.target();
        int cut = indexOfAny(path, '#', '?');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        Path folder = root.resolve(link.document()).getParent();
        return folder.resolve(path).normalize();
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /** The broken links of one document, each described for the failure message. */
    static List<String> brokenLinks(Path root, Path document) {
        String text;
        try {
            text = Files.readString(root.resolve(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> broken = new ArrayList<>();
        for (Link link : links(document, text)) {
            if (!isRelativePath(link.target())) {
                continue;
            }
            Path target = resolve(root, link);
            if (!target.startsWith(root)) {
                broken.add(document + ":" + link.line() + " links to " + link.target()
                        + ", which leaves the repository (" + target + ")");
            } else if (!Files.exists(target)) {
                broken.add(document + ":" + link.line() + " links to " + link.target()
                        + ", which does not exist (" + root.relativize(target) + ")");
            }
        }
        return broken;
    }

    /** Every relative link of the document names an existing file or folder inside the repository. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyRelativeLinkPointsAtAnExistingPath(Path document) {
        List<String> broken = brokenLinks(repositoryRoot(), document);
        assertThat(broken).as("broken links in %s (a file was renamed, moved or deleted: update the link)",
                document).isEmpty();
    }

    /**
     * The design document exists and is checked with many links, so that a parser that finds nothing cannot pass
     * over it in silence (as ArchUnit's {@code failOnEmptyShould} does for rules).
     */
    @Test
    void theDesignDocumentIsCheckedAndLinksTheCode() throws IOException {
        Path root = repositoryRoot();
        Path design = Path.of("docs", "design.md");
        assertThat(documents()).as("documents checked").contains(design, Path.of("README.md"));
        List<Link> relative = links(design, Files.readString(root.resolve(design))).stream()
                .filter(l -> isRelativePath(l.target())).toList();
        assertThat(relative).as("relative links in docs/design.md").hasSizeGreaterThan(50);
        assertThat(relative).as("docs/design.md links into the modules' sources")
                .anyMatch(l -> l.target().contains("/src/main/java/"))
                .anyMatch(l -> l.target().contains("/src/test/java/"));
    }

    /** The parser itself: what it takes as a link, what it skips, and that a missing file is reported. */
    @Test
    void theCheckFindsLinksSkipsCodeAndUrlsAndReportsAMissingFile() throws IOException {
        String markdown = String.join("\n",
                "See [the README](../README.md) and ![a trace](trace-example.svg \"the trace\").",
                "Skipped: [web](https://example.org/x), [mail](mailto:a@b.c), [here](#reading-order),",
                "inline `[code](not/a/link.md)` and",
                "```",
                "[fenced](not/a/link/either.md)",
                "```",
                "An anchor is dropped: [rule](benchmarks.md#the-demo); a typo is not: [gone](no-such-file.md).",
                "",
                "[Worker]: ../README.md",
                "  [missing]: <../no/such/File.java> \"a title\"");
        List<Link> found = links(Path.of("docs", "example.md"), markdown);
        assertThat(found).extracting(Link::target).containsExactly("../README.md", "trace-example.svg",
                "https://example.org/x", "mailto:a@b.c", "#reading-order", "benchmarks.md#the-demo",
                "no-such-file.md", "../README.md", "../no/such/File.java");
        assertThat(found).filteredOn(l -> isRelativePath(l.target())).extracting(Link::line)
                .containsExactly(1, 1, 7, 7, 9, 10);

        Path root = Files.createTempDirectory("links-self-test-");
        Path example = Path.of("docs", "example.md");
        try {
            Files.createDirectories(root.resolve("docs"));
            Files.writeString(root.resolve(example), markdown);
            for (String present : List.of("README.md", "docs/trace-example.svg", "docs/benchmarks.md")) {
                Files.writeString(root.resolve(present), "");
            }
            assertThat(brokenLinks(root, example)).hasSize(2)
                    .anySatisfy(m -> assertThat(m).startsWith(example + ":7 links to no-such-file.md")
                            .contains("does not exist"))
                    .anySatisfy(m -> assertThat(m).startsWith(example + ":10 links to ../no/such/File.java"));
            Files.writeString(root.resolve("docs/no-such-file.md"), "");
            Files.createDirectories(root.resolve("no/such"));
            Files.writeString(root.resolve("no/such/File.java"), "");
            assertThat(brokenLinks(root, example)).as("once the files exist").isEmpty();
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
