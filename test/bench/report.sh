echo report "$@"
