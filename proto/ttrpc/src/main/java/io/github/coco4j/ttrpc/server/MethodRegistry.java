package io.github.coco4j.ttrpc.server;

import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The methods a server answers, by ttrpc's service and method names. */
final class MethodRegistry {
    private final Map<String, Map<String, ServerMethodDefinition<?, ?>>> services = new HashMap<>();

    MethodRegistry(List<ServerServiceDefinition> definitions) {
        for (ServerServiceDefinition definition : definitions) {
            String service = definition.getServiceDescriptor().getName();
            if (services.containsKey(service)) {
                throw new IllegalArgumentException("service " + service + " is registered twice");
            }
            Map<String, ServerMethodDefinition<?, ?>> methods = new HashMap<>();
            for (ServerMethodDefinition<?, ?> method : definition.getMethods()) {
                methods.put(method.getMethodDescriptor().getBareMethodName(), method);
            }
            services.put(service, methods);
        }
    }

    /**
     * The method that answers {@code service}/{@code method}; an unknown one fails with the Go
     * server's texts, a streaming one (ttrpc 1.1 has unary calls only) with a message saying so.
     */
    ServerMethodDefinition<?, ?> lookup(String service, String method) throws StatusException {
        Map<String, ServerMethodDefinition<?, ?>> methods = services.get(service);
        if (methods == null) {
            throw Status.UNIMPLEMENTED.withDescription("service " + service).asException();
        }
        ServerMethodDefinition<?, ?> definition = methods.get(method);
        if (definition == null) {
            throw Status.UNIMPLEMENTED.withDescription("method " + method).asException();
        }
        if (definition.getMethodDescriptor().getType() != MethodDescriptor.MethodType.UNARY) {
            throw Status.UNIMPLEMENTED.withDescription("method " + method + " is streaming; ttrpc serves unary methods only")
                    .asException();
        }
        return definition;
    }
}
