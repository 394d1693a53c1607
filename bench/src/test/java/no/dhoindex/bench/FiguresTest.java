package no.dhoindex.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void aTableReadsBackAsPrintedRounded() {
        Figures written = new Figures(45.26, 80.04, 150.55, 301.98, 143.21, 4.434, 13.1);
        List<String> file = new ArrayList<>(List.of("# Some run", "", "| phase | entries | result |",
                "| register | 0 → 2000 | 46 entries/s |", ""));
        file.addAll(written.table("entries"));
        Figures read = Figures.parse(file);
        assertEquals(new Figures(45.3, 80.0, 150.6, 302.0, 143.2, 4.43, 13.10), read);
    }

    @Test
    void aMissingRowIsAnError() {
        List<String> table = new ArrayList<>(new Figures(1, 2, 3, 4, 5, 6, 7).table("documents"));
        table.removeIf(l -> l.startsWith("| latency p99"));
        assertThrows(IllegalArgumentException.class, () -> Figures.parse(table));
    }

    @Test
    void medianOfAnEvenNumberOfRunsIsTheMeanOfTheMiddleTwo() {
        List<Figures> runs = List.of(fig(40), fig(46), fig(44), fig(50));
        assertEquals(45.0, DurableCommitSummary.median(runs, Figures::perSecond));
        assertEquals(44.0, DurableCommitSummary.median(runs.subList(0, 3), Figures::perSecond));
    }

    @Test
    void theSummaryQuotesEveryRunAndTheMedian() {
        List<String> table = DurableCommitSummary.table(Map.of("before", Map.of("a.md", fig(40), "b.md", fig(50))));
        assertEquals(5, table.size());
        assertEquals(true, table.get(2).contains("**45.0**"), table.get(2));
        assertEquals(true, table.stream().anyMatch(l -> l.contains("`a.md` | 40.0 |")), table.toString());
    }

    private static Figures fig(double perSecond) {
        return new Figures(perSecond, 10, 20, 30, 40, 1, 2);
    }
}
