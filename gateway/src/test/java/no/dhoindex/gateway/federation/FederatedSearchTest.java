package no.dhoindex.gateway.federation;

import static no.dhoindex.gateway.federation.FakeSources.ANNE;
import static no.dhoindex.gateway.federation.FakeSources.KOMMUNE;
import static no.dhoindex.gateway.federation.FakeSources.PATIENT;
import static no.dhoindex.gateway.federation.FakeSources.SYKEHUS;
import static no.dhoindex.gateway.federation.FakeSources.community;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import no.dhoindex.gateway.TestClock;
import no.dhoindex.gateway.fanout.FanOut;
import no.dhoindex.gateway.fanout.SourceAnswer;
import no.dhoindex.shared.state.LocalBreakerStates;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The federated search's global order, page size and paging with fake sources holding dated
 * entries: every page in order across sources, nothing twice, nothing lost; a failed source reported.
 */
class FederatedSearchTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private final FanOut fanOut = new FanOut(8, 5, Duration.ofSeconds(10), new LocalBreakerStates(), new TestClock());
    private final CountDownLatch never = new CountDownLatch(1);
    /** Each source's entries by name; a source not here fails, "silent" never answers. */
    private final Map<String, List<SearchEntry<String>>> held = new java.util.HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final List<Integer> largestPage = new ArrayList<>(List.of(0));

    @AfterEach
    void stop() {
        fanOut.stop();
    }

    /** A source with entries at the given hours after T0, ids "<source>-<hour>". */
    private void holds(String source, int... hours) {
        held.put(source, IntStream.of(hours).mapToObj(h -> new SearchEntry<>(T0.plus(Duration.ofHours(h)),
                source + "-" + String.format("%03d", h), source + "@" + h)).toList());
    }

    private SearchPort<String> port(String name) {
        return (caller, search, offset, correlationId) -> {
            asked.add(name + "@" + offset);
            return () -> {
                if ("silent".equals(name)) {
                    never.await();
                }
                List<SearchEntry<String>> all = new ArrayList<>(held.get(name) == null ? failing() : held.get(name));
                Comparator<SearchEntry<String>> byDate = Comparator.comparing(SearchEntry::when);
                all.sort((search.newestFirst() ? byDate.reversed() : byDate).thenComparing(SearchEntry::id));
                List<SearchEntry<String>> page = all.stream().skip(offset).limit(search.count()).toList();
                synchronized (largestPage) {
                    largestPage.set(0, Math.max(largestPage.get(0), page.size()));
                }
                return new SearchPage<>(page, offset + page.size() < all.size());
            };
        };
    }

    private static List<SearchEntry<String>> failing() {
        throw new IllegalStateException("down");
    }

    private FederatedSearch<String> federation(String... names) {
        List<no.dhoindex.gateway.directory.Community> communities = new ArrayList<>();
        for (String n : names) {
            communities.add(community(n, n.equals("kommune") ? KOMMUNE : n.equals("sykehus") ? SYKEHUS
                    : "urn:oid:2.16.578.1.12.4.1.7.1." + n.length()));
        }
        return new FederatedSearch<>(() -> communities, c -> port(c.name()), fanOut, Duration.ofSeconds(2));
    }

    private static DataSearch newest(int count) {
        return new DataSearch("Observation", PATIENT, List.of("http://loinc.org|8867-4"), List.of(), List.of(), true, count);
    }

    private static List<String> ids(SearchAnswer<String> answer) {
        return answer.entries().stream().map(f -> f.entry().id()).toList();
    }

    @Test
    void theFirstPageIsTheNewestAcrossSourcesEachTaggedWithItsSource() {
        holds("kommune", 1, 5, 9);
        holds("sykehus", 2, 6, 10);
        SearchAnswer<String> answer = federation("kommune", "sykehus").search(ANNE, newest(4), Optional.empty(), "t");
        assertEquals(List.of("sykehus-010", "kommune-009", "sykehus-006", "kommune-005"), ids(answer));
        assertEquals(List.of("sykehus", "kommune", "sykehus", "kommune"),
                answer.entries().stream().map(SearchAnswer.Found::source).toList());
        assertEquals(SYKEHUS, answer.entries().get(0).homeCommunityId());
        assertEquals(Map.of("kommune", 2, "sykehus", 2), answer.next());
    }

    @Test
    void pagingWalksTheWholeHistoryInOrderOnceAndAsksEachSourceNoMoreThanAPage() {
        holds("kommune", 1, 3, 4, 8, 11, 12, 13);
        holds("sykehus", 2, 5, 6, 7, 9, 10);
        FederatedSearch<String> federation = federation("kommune", "sykehus");
        List<String> seen = new ArrayList<>();
        Optional<Map<String, Integer>> position = Optional.empty();
        int pages = 0;
        do {
            SearchAnswer<String> answer = federation.search(ANNE, newest(3), position, "t");
            seen.addAll(ids(answer));
            position = answer.next().isEmpty() ? null : Optional.of(answer.next());
            pages++;
        } while (position != null && pages < 10);
        List<String> expected = new ArrayList<>();
        held.values().forEach(l -> l.forEach(e -> expected.add(e.id())));
        expected.sort(Comparator.comparing((String id) -> Integer.parseInt(id.substring(id.indexOf('-') + 1))).reversed());
        assertEquals(expected, seen);
        assertEquals(5, pages);
        assertEquals(3, largestPage.get(0));
    }

    @Test
    void oldestFirstOrdersTheOtherWay() {
        holds("kommune", 1, 5);
        holds("sykehus", 2, 6);
        DataSearch oldest = new DataSearch("Observation", PATIENT, List.of(), List.of(), List.of(), false, 3);
        assertEquals(List.of("kommune-001", "sykehus-002", "kommune-005"),
                ids(federation("kommune", "sykehus").search(ANNE, oldest, Optional.empty(), "t")));
    }

    @Test
    void aLaterPageAsksOnlyTheSourcesThatHoldMoreFromWhereTheyStand() {
        holds("kommune", 1, 2, 3);
        holds("sykehus", 4);
        federation("kommune", "sykehus").search(ANNE, newest(2), Optional.of(Map.of("kommune", 1)), "t");
        assertEquals(List.of("kommune@1"), asked);
    }

    @Test
    void aSourceThatFailsOrIsLateIsReportedAndTheOthersStillAnswer() {
        holds("kommune", 1, 2);
        SearchAnswer<String> answer = federation("kommune", "broken", "silent").search(ANNE, newest(5),
                Optional.empty(), "t");
        assertEquals(List.of("kommune-002", "kommune-001"), ids(answer));
        assertEquals(List.of(SourceAnswer.Outcome.ANSWERED, SourceAnswer.Outcome.FAILED, SourceAnswer.Outcome.TIMED_OUT),
                answer.sources().stream().map(SourceOutcome::outcome).toList());
        assertEquals(Optional.of(XdsErrorCode.UNAVAILABLE_COMMUNITY), answer.sources().get(1).error());
        assertTrue(answer.next().isEmpty());
    }

    @Test
    void theOrderIsByDateUndatedLastThenCommunityThenIdEitherWay() {
        // The order as it was first written (composed comparators), against which the written-out one is held.
        java.util.Random random = new java.util.Random(15);
        List<SearchAnswer.Found<String>> found = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Instant when = random.nextInt(8) == 0 ? null : T0.plusSeconds(random.nextInt(20));
            String id = random.nextInt(8) == 0 ? null : "id" + random.nextInt(5);
            found.add(new SearchAnswer.Found<>(new SearchEntry<>(when, id, "r"), "c" + random.nextInt(3), "h"));
        }
        for (boolean newestFirst : new boolean[]{true, false}) {
            Comparator<Instant> dates = newestFirst ? Comparator.reverseOrder() : Comparator.naturalOrder();
            Comparator<SearchAnswer.Found<String>> composed = Comparator
                    .comparing((SearchAnswer.Found<String> f) -> f.entry().when(), Comparator.nullsLast(dates))
                    .thenComparing(SearchAnswer.Found::source)
                    .thenComparing(f -> f.entry().id() == null ? "" : f.entry().id());
            Comparator<SearchAnswer.Found<String>> order = FederatedSearch.order(newestFirst);
            for (SearchAnswer.Found<String> a : found) {
                for (SearchAnswer.Found<String> b : found.subList(0, 60)) {
                    assertEquals(Integer.signum(composed.compare(a, b)), Integer.signum(order.compare(a, b)));
                }
            }
        }
    }
}
