package org.ecsched.scheduler.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The trace picture: valid XML, one rectangle per task slice, lanes named after threads, text escaped. */
class TraceTimelineSvgTest {

    /**
     * Two workers and a phases lane, in ChromeTraceRecorder's shape: three tasks (one of a system whose name needs
     * escaping), a park, a steal from worker 0 and one from the injector, one phase.
     */
    private static final String TRACE = """
            {"traceEvents":[
            {"name":"process_name","ph":"M","pid":1,"tid":0,"args":{"name":"ecsched scheduler"}},
            {"name":"thread_name","ph":"M","pid":1,"tid":0,"args":{"name":"worker 0"}},
            {"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"worker <1>"}},
            {"name":"thread_name","ph":"M","pid":1,"tid":2,"args":{"name":"phases"}},
            {"name":"gravity","cat":"task","ph":"X","pid":1,"tid":0,"ts":0.000,"dur":40.000,"args":{"failed":false}},
            {"name":"parked","cat":"park","ph":"X","pid":1,"tid":0,"ts":45.000,"dur":30.000},
            {"name":"steal","cat":"steal","ph":"i","pid":1,"tid":1,"ts":9.500,"args":{"thief":1,"victim":0,"count":2}},
            {"name":"steal","cat":"steal","ph":"i","pid":1,"tid":1,"ts":1.000,"args":{"thief":1,"victim":-1,"count":1}},
            {"name":"gravity","cat":"task","ph":"X","pid":1,"tid":1,"ts":10.000,"dur":30.000,"args":{"failed":false}},
            {"name":"a<&>\\"b'","cat":"task","ph":"X","pid":1,"tid":1,"ts":60.000,"dur":20.000,"args":{"failed":true}},
            {"name":"forces","cat":"phase","ph":"X","pid":1,"tid":2,"ts":0.000,"dur":100.000,"args":{"phase":1}}
            ],"displayTimeUnit":"ns"}
            """;

    @TempDir
    Path dir;

    private static JsonNode json() throws Exception {
        return new ObjectMapper().readTree(TRACE);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> withClass(Document svg, String tag, String cssClass) {
        List<Element> found = new ArrayList<>();
        NodeList all = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute("class").equals(cssClass)) {
                found.add(e);
            }
        }
        return found;
    }

    private static String svg() throws Exception {
        return TraceTimelineSvg.render(json(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    @Test
    void thePictureIsAnSvgDocumentWithOneRectanglePerTaskSlice() throws Exception {
        Document doc = parse(svg());
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        int taskSlices = 0;
        for (JsonNode e : json().get("traceEvents")) {
            if (e.get("ph").asText().equals("X") && e.get("cat").asText().equals("task")) {
                taskSlices++;
            }
        }
        assertThat(withClass(doc, "rect", "task")).hasSize(taskSlices).hasSize(3);
        assertThat(withClass(doc, "rect", "park")).hasSize(1);
        assertThat(withClass(doc, "polygon", "steal")).hasSize(2);
        assertThat(withClass(doc, "line", "steal-line")).as("only the steal from a worker has a line").hasSize(1);
    }

    @Test
    void eachWorkerLaneIsLabelledWithItsThreadNameAndThePhasesLaneBecomesLines() throws Exception {
        Document doc = parse(svg());
        assertThat(withClass(doc, "text", "lane-label")).extracting(Element::getTextContent)
                .containsExactly("worker 0", "worker <1>");
        assertThat(withClass(doc, "line", "phase")).hasSize(1);
        assertThat(withClass(doc, "text", "phase-label")).singleElement()
                .satisfies(e -> assertThat(e.getFirstChild().getTextContent()).isEqualTo("forces"));
    }

    @Test
    void namesAreEscapedAndReadBackUnchanged() throws Exception {
        String svg = svg();
        assertThat(svg).contains("a&lt;&amp;&gt;&quot;b&apos;").contains("worker &lt;1&gt;")
                .doesNotContain("a<&>");
        List<String> titles = withClass(parse(svg), "rect", "task").stream().map(Element::getTextContent).toList();
        assertThat(titles).contains("a<&>\"b': 20.0 \u00b5s at 60.0 \u00b5s");
        assertThat(TraceTimelineSvg.xml("x\u0001y")).isEqualTo("x\ufffdy");
    }

    @Test
    void slicesAreScaledToTheWidthAndASystemKeepsItsColour() throws Exception {
        List<Element> tasks = withClass(parse(svg()), "rect", "task");
        Element first = tasks.get(0);
        Element second = tasks.get(1);
        Element escaped = tasks.get(2);
        // 0..100 us over the 1090 px between the margins: 40 us is 436 px, 30 us is 327 px, 10 us starts at 199.
        assertThat(Double.parseDouble(first.getAttribute("x"))).isEqualTo(90.0);
        assertThat(Double.parseDouble(first.getAttribute("width"))).isEqualTo(436.0);
        assertThat(Double.parseDouble(second.getAttribute("x"))).isEqualTo(199.0);
        assertThat(Double.parseDouble(second.getAttribute("width"))).isEqualTo(327.0);
        assertThat(second.getAttribute("fill")).isEqualTo(first.getAttribute("fill"))
                .isNotEqualTo(escaped.getAttribute("fill"));
        assertThat(escaped.getAttribute("stroke")).as("a failed task is outlined").isNotEmpty();
        assertThat(svg()).as("deterministic").isEqualTo(svg());
    }

    @Test
    void aWindowKeepsOnlyTheEventsThatBeginInsideIt() throws Exception {
        Document doc = parse(TraceTimelineSvg.render(json(), 5, 50));
        assertThat(withClass(doc, "rect", "task")).hasSize(1);
        assertThat(withClass(doc, "rect", "park")).hasSize(1);
        assertThat(withClass(doc, "polygon", "steal")).hasSize(1);
        assertThat(withClass(doc, "line", "phase")).isEmpty();
        assertThat(withClass(doc, "text", "lane-label")).hasSize(2);
        Document empty = parse(TraceTimelineSvg.render(json(), 1000, 2000));
        assertThat(withClass(empty, "rect", "task")).isEmpty();
    }

    @Test
    void writeReadsAFileAndWritesTheSameDocument() throws Exception {
        Path trace = Files.writeString(dir.resolve("t.json"), TRACE);
        Path picture = dir.resolve("t.svg");
        TraceTimelineSvg.write(trace, picture);
        assertThat(Files.readString(picture, StandardCharsets.UTF_8)).isEqualTo(svg());
        assertThat(DemoMain.svgName("t.json")).isEqualTo("t.svg");
        assertThat(DemoMain.svgName("trace.svg")).isEqualTo("trace.svg.svg");
    }

    @Test
    void traceNoneWritesNeitherTheTraceNorThePicture() throws Exception {
        StringWriter out = new StringWriter();
        int code = DemoMain.run(new String[] {"--frames", "13", "--entities", "2000", "--workers", "2",
                "--backend", "workstealing", "--quiet", "--trace", "none"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString()).doesNotContain("trace of frames").doesNotContain("as a picture");
        assertThat(Path.of("none")).doesNotExist();
        assertThat(Path.of("none.svg")).doesNotExist();
    }
}
