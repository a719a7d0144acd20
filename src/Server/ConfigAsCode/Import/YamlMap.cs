using System.Collections;

namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>
/// A mapping of the emitted YAML, in insertion order, so that the same input always gives the same bytes. Values are
/// strings, numbers, booleans, <see cref="YamlMap"/>s and lists of those; a null value is left out.
/// </summary>
internal sealed class YamlMap : IEnumerable<KeyValuePair<string, object>>
{
    private readonly List<KeyValuePair<string, object>> _items = [];

    public int Count => _items.Count;

    public void Add(string key, object? value)
    {
        if (value is null)
            return;
        var index = _items.FindIndex(i => i.Key == key);
        if (index >= 0)
            _items[index] = new(key, value);
        else
            _items.Add(new(key, value));
    }

    public void Remove(string key) => _items.RemoveAll(i => i.Key == key);

    public bool Contains(string key) => _items.Exists(i => i.Key == key);

    public object? Get(string key) => _items.Find(i => i.Key == key).Value;

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
