package io.github.coco4j.rego.builtins;

import java.util.List;

/** A group of related builtins (strings, numbers, …), each family in its own class. */
interface BuiltinFamily {
    List<BuiltinFamily> ALL = List.of(
            new StringBuiltins(),
            new GraphBuiltins(),
            new RegexBuiltins(),
            new AggregateBuiltins(),
            new ArrayBuiltins(),
            new SetBuiltins(),
            new ObjectBuiltins(),
            new TypeBuiltins(),
            new ConversionBuiltins(),
            new NumberBuiltins(),
            new BitsBuiltins(),
            new TimeBuiltins(),
            new UnitsBuiltins(),
            new SemverBuiltins(),
            new EncodingBuiltins(),
            new CryptoBuiltins(),
            new GlobBuiltins(),
            new UuidBuiltins(),
            new NetBuiltins(),
            new DeprecatedBuiltins());

    void register(Builtins table);
}
