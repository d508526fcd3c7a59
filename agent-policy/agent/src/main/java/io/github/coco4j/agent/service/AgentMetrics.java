package io.github.coco4j.agent.service;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/** GetMetrics: a few of the agent's own metrics in the Prometheus text format, named as Kata's agent names them. */
final class AgentMetrics {
    private final long startNanos = System.nanoTime();

    String text() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        StringBuilder out = new StringBuilder();
        gauge(out, "kata_agent_total_time", "Agent running time in seconds.",
                (System.nanoTime() - startNanos) / 1e9);
        gauge(out, "kata_agent_threads", "Agent threads.", ManagementFactory.getThreadMXBean().getThreadCount());
        gauge(out, "kata_agent_heap_bytes", "Agent heap in use, in bytes.", memory.getHeapMemoryUsage().getUsed());
        gauge(out, "kata_agent_non_heap_bytes", "Agent memory in use outside the heap, in bytes.",
                memory.getNonHeapMemoryUsage().getUsed());
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(String.format(Locale.ROOT, "%s", value)).append('\n');
    }
}
