using System.Collections.ObjectModel;

namespace Platform.Hosting.ApplicationModel;

/// <summary>The annotations of one resource, in the order they were added.</summary>
public sealed class ResourceAnnotationCollection : Collection<IResourceAnnotation>
{
    /// <summary>Replaces every annotation of type <typeparamref name="T"/> that <paramref name="match"/> accepts with <paramref name="annotation"/>, keeping its position.</summary>
    public void Replace<T>(T annotation, Func<T, bool>? match = null)
        where T : IResourceAnnotation
    {
        ArgumentNullException.ThrowIfNull(annotation);
        for (var i = 0; i < Count; i++)
        {
            if (this[i] is T existing && (match is null || match(existing)))
            {
                this[i] = annotation;
                for (var j = Count - 1; j > i; j--)
                {
                    if (this[j] is T other && (match is null || match(other)))
                    {
                        RemoveAt(j);
                    }
                }

                return;
            }
        }

        Add(annotation);
    }

    /// <summary>Returns the annotations of type <typeparamref name="T"/>, in order.</summary>
    public IEnumerable<T> OfType<T>() => Items.OfType<T>();

    /// <summary>Returns the last annotation of type <typeparamref name="T"/>, or null.</summary>
    public T? Find<T>()
        where T : class, IResourceAnnotation => Items.OfType<T>().LastOrDefault();
}
