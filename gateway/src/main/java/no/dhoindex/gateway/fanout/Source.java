package no.dhoindex.gateway.fanout;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * One source asked in a fan-out: its name (for metrics and breaker), where its errors are located
 * (homeCommunityId), how long it may take, and the call.
 */
public record Source<T>(String name, String location, Duration deadline, Callable<T> call) {
}
