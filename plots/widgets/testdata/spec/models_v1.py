"""Writes jupyterwidgetmodels.v1.json: the model state of every core widget of
widget messaging protocol version 1, read from Debian 12's python3-ipywidgets
6.0.0 (the kernel side of the protocol that Debian's jupyter-js-widgets 2.1.4
front end speaks), in the shape of ipywidgets' jupyterwidgetmodels.latest.json
(a list of {model, view, attributes}).

    /usr/bin/python3 models_v1.py > jupyterwidgetmodels.v1.json

ipywidgets 6 publishes no such JSON; this script asks its classes.
"""
import json
import sys

import ipywidgets
from ipywidgets import Widget
from traitlets import (Bool, CaselessStrEnum, CFloat, CInt, Dict, Float,
                       Instance, Int, List, Tuple, Unicode, Bytes)


def kind(trait):
    """The JSON type of a trait, with enum values and referenced widget."""
    out = {}
    if isinstance(trait, CaselessStrEnum):
        out['type'] = 'string'
        out['enum'] = list(trait.values)
    elif isinstance(trait, Unicode):
        out['type'] = 'string'
    elif isinstance(trait, (List, Tuple)):
        out['type'] = 'array'
    elif isinstance(trait, Bool):
        out['type'] = 'bool'
    elif isinstance(trait, (Float, CFloat)):
        out['type'] = 'float'
    elif isinstance(trait, (Int, CInt)):
        out['type'] = 'int'
    elif isinstance(trait, Dict):
        out['type'] = 'object'
    elif isinstance(trait, Bytes):
        out['type'] = 'bytes'
    elif isinstance(trait, Instance) and isinstance(trait.klass, type) and issubclass(trait.klass, Widget):
        out['type'] = 'reference'
        out['widget'] = trait.klass.__name__
    elif trait.__class__.__name__ == 'Color':
        out['type'] = 'color'
    else:
        out['type'] = trait.__class__.__name__
    if trait.allow_none:
        out['allow_none'] = True
    return out


def describe(cls):
    w = cls()
    state = w.get_state()
    attrs = []
    for name, trait in sorted(w.traits(sync=True).items()):
        a = {'name': name}
        a.update(kind(trait))
        a['default'] = ('reference to new instance' if a['type'] == 'reference'
                        else list(state[name]) if isinstance(state[name], tuple) else state[name])
        attrs.append(a)
    s = {k: state[k] for k in ('_model_module', '_model_name', '_model_module_version',
                               '_view_module', '_view_name', '_view_module_version')}
    w.close()
    return {'class': cls.__name__, 'model': {'module': s['_model_module'], 'name': s['_model_name'], 'version': s['_model_module_version']},
            'view': {'module': s['_view_module'], 'name': s['_view_name'], 'version': s['_view_module_version']},
            'attributes': attrs}


def main():
    seen, out = set(), []
    # Output is not in the registry of ipywidgets 6 (it is never created
    # from the front end) but is a core widget all the same.
    todo = sorted(list(Widget.widget_types.values()) + [ipywidgets.Output], key=lambda c: c.__name__)
    while todo:
        cls = todo.pop(0)
        if cls in seen or cls.__name__.startswith('_'):
            continue
        seen.add(cls)
        try:
            d = describe(cls)
        except Exception as e:  # widgets that need arguments (links)
            print('skipped', cls.__name__, e, file=sys.stderr)
            continue
        out.append(d)
        for t in cls().traits(sync=True).values():
            if isinstance(t, Instance) and isinstance(t.klass, type) and issubclass(t.klass, Widget) and t.klass not in seen:
                todo.append(t.klass)
    out.sort(key=lambda d: (d['model']['name'], d['class']))
    json.dump({'source': 'Debian 12 python3-ipywidgets %s' % ipywidgets.__version__, 'models': out},
              sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
